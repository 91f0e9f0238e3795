package io.evalwatch.cli.progress;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.ToLongFunction;

/**
 * Rates of a run's stages over the last {@link #WINDOW_SECONDS} seconds of samples, and the time left at the rate
 * items are finishing (scored or errored). A sliding window, not the average since the start: a run's first
 * seconds are spent queueing, and a rate since then would promise too long a wait. Pure: times come with the samples.
 */
public final class StageRates {

    static final double WINDOW_SECONDS = 30;

    /** Counts at one moment; seconds is any monotonic clock. */
    public record Sample(double seconds, long generated, long executed, long finished) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    public void add(Sample sample) {
        samples.addLast(sample);
        // keep one sample older than the window, so the window is always spanned
        while (samples.size() > 2 && sample.seconds() - secondOldest().seconds() >= WINDOW_SECONDS) {
            samples.removeFirst();
        }
    }

    private Sample secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    /** Items per second of one stage over the window; 0 before two samples. */
    public double rate(ToLongFunction<Sample> stage) {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        double seconds = last.seconds() - first.seconds();
        return seconds <= 0 ? 0 : Math.max(0, stage.applyAsLong(last) - stage.applyAsLong(first)) / seconds;
    }

    /** The time until {@code remaining} more items finish at the current rate; null while nothing finishes. */
    public Duration eta(long remaining) {
        if (remaining <= 0) {
            return Duration.ZERO;
        }
        double rate = rate(Sample::finished);
        return rate <= 0 ? null : Duration.ofMillis(Math.round(remaining / rate * 1000));
    }
}
