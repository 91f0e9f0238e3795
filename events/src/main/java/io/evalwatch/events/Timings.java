package io.evalwatch.events;

/**
 * Latency of one generation in seconds. Queue time (waiting for a concurrency or rate-limit slot) is kept apart
 * from model time so a throttled run does not look like a slow model. hostLagSeconds is the generator's own
 * trouble while the item waited for its first token (scheduling lag of its threads, GC pauses): delay the vendor
 * did not cause, which latency drift discounts. ttftSeconds is the first token of any kind (reasoning included);
 * firstAnswerTokenSeconds the first token of the answer itself, later than TTFT for a model that thinks first.
 * Null where not measured (and in events written before the field existed).
 */
public record Timings(
        Double queueSeconds,
        Double ttftSeconds,
        Double durationSeconds,
        Double interTokenP50Seconds,
        Double interTokenP95Seconds,
        Double outputTokensPerSecond,
        Double hostLagSeconds,
        Double firstAnswerTokenSeconds) {

    public Timings(Double queueSeconds, Double ttftSeconds, Double durationSeconds, Double interTokenP50Seconds,
            Double interTokenP95Seconds, Double outputTokensPerSecond, Double hostLagSeconds) {
        this(queueSeconds, ttftSeconds, durationSeconds, interTokenP50Seconds, interTokenP95Seconds,
                outputTokensPerSecond, hostLagSeconds, ttftSeconds);
    }

    public static Timings none() {
        return new Timings(null, null, null, null, null, null, null, null);
    }
}
