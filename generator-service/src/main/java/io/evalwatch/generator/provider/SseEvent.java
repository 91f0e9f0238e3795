package io.evalwatch.generator.provider;

/** One server-sent event; {@code arrivedNanos} is when its first line arrived. */
public record SseEvent(String event, String data, long arrivedNanos) {
}
