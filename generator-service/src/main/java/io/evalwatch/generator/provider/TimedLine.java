package io.evalwatch.generator.provider;

/** One line of a response body and the {@link System#nanoTime()} at which it reached the process. */
public record TimedLine(String text, long arrivedNanos) {
}
