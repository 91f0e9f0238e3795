package io.evalwatch.events;

/**
 * Token counts of a generation, summed over every attempt of an item. {@code inputTokens} is the whole prompt,
 * cached parts included; {@code cacheReadInputTokens} and {@code cacheWriteInputTokens} say how much of it was read
 * from or written to the vendor's prompt cache (priced apart). {@code reasoningTokens} is the part of
 * {@code outputTokens} the model spent thinking. {@code estimated} is true when any count was not the vendor's own
 * but counted here with a tokenizer (the vendor sent none, or the stream was cut off). Fields added after the first
 * schema read as 0 / false from older events.
 */
public record Usage(
        int inputTokens,
        int outputTokens,
        int cacheReadInputTokens,
        int cacheWriteInputTokens,
        int reasoningTokens,
        boolean estimated) {

    public Usage(int inputTokens, int outputTokens) {
        this(inputTokens, outputTokens, 0, 0, 0, false);
    }

    public static Usage zero() {
        return new Usage(0, 0);
    }

    /** The counts of two attempts together; estimated if either was. */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheReadInputTokens + other.cacheReadInputTokens, cacheWriteInputTokens + other.cacheWriteInputTokens,
                reasoningTokens + other.reasoningTokens, estimated || other.estimated);
    }
}
