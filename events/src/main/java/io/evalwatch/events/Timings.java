package io.evalwatch.events;

/**
 * Latency of one generation in seconds. Queue time (waiting for a concurrency or rate-limit slot) is kept apart
 * from model time so a throttled run does not look like a slow model. Null where not measured.
 */
public record Timings(
        Double queueSeconds,
        Double ttftSeconds,
        Double durationSeconds,
        Double interTokenP50Seconds,
        Double interTokenP95Seconds,
        Double outputTokensPerSecond) {

    public static Timings none() {
        return new Timings(null, null, null, null, null, null);
    }
}
