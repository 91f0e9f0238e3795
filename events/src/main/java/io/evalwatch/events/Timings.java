package io.evalwatch.events;

/**
 * Latency of one generation in seconds. Queue time (waiting for a concurrency or rate-limit slot) is kept apart
 * from model time so a throttled run does not look like a slow model. hostLagSeconds is the generator's own
 * trouble while the item waited for its first token (scheduling lag of its threads, GC pauses): delay the vendor
 * did not cause, which latency drift discounts. Null where not measured.
 */
public record Timings(
        Double queueSeconds,
        Double ttftSeconds,
        Double durationSeconds,
        Double interTokenP50Seconds,
        Double interTokenP95Seconds,
        Double outputTokensPerSecond,
        Double hostLagSeconds) {

    public static Timings none() {
        return new Timings(null, null, null, null, null, null, null);
    }
}
