package io.evalwatch.events;

/** Token counts as reported by the provider, summed over every attempt of an item. */
public record Usage(int inputTokens, int outputTokens) {

    public static Usage zero() {
        return new Usage(0, 0);
    }
}
