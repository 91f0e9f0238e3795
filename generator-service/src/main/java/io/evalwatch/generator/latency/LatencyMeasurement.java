package io.evalwatch.generator.latency;

import io.evalwatch.events.Timings;
import java.util.List;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Turns the arrival times of one answer into {@link Timings}. Definitions (all from the attempt that answered):
 * <ul>
 * <li>TTFT: request handed to the HTTP client until the first chunk carrying a token of any kind arrived (for a
 * model that reasons first, its first reasoning token);</li>
 * <li>first answer token: the same until the first chunk carrying answer text;</li>
 * <li>duration: request handed over until the response body ended;</li>
 * <li>inter-token latency: gaps between successive token chunks (reasoning and answer), p50 and p95 (HF7, as numpy's default);</li>
 * <li>output tokens/s: the decode rate, tokens after the first chunk over the time from first to last chunk, with
 * the provider's token count spread evenly over the chunks (so one token a chunk gives (N-1)/(last-first)). For a
 * non-streamed answer there are no chunks, so it is tokens over the whole duration and TTFT is not known.</li>
 * <li>host lag: the delay this process itself added between the start and the first token (for a non-streamed
 * answer, the end of the body), from {@link HostLag}; null when it was not watched.</li>
 * </ul>
 * Queue time is measured elsewhere and only carried here.
 */
public final class LatencyMeasurement {

    private static final double NANOS = 1e9;
    private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    private LatencyMeasurement() {
    }

    /** An answer without reasoning: its content chunks are all its tokens. */
    public static Timings of(double queueSeconds, long startNanos, long endNanos, List<Long> contentArrivals,
            int outputTokens, boolean streamed, HostLag hostLag) {
        return of(queueSeconds, startNanos, endNanos, contentArrivals,
                contentArrivals.isEmpty() ? null : contentArrivals.get(0), outputTokens, streamed, hostLag);
    }

    /**
     * @param tokenArrivals arrivals of every chunk carrying a token, reasoning or answer, in order
     * @param firstAnswerNanos arrival of the first chunk of answer text, or null if none came
     */
    public static Timings of(double queueSeconds, long startNanos, long endNanos, List<Long> tokenArrivals,
            Long firstAnswerNanos, int outputTokens, boolean streamed, HostLag hostLag) {
        List<Long> contentArrivals = tokenArrivals;
        double duration = (endNanos - startNanos) / NANOS;
        if (!streamed || contentArrivals.isEmpty()) {
            Double rate = !streamed && outputTokens > 0 && duration > 0 ? outputTokens / duration : null;
            Double lag = hostLag.lagSeconds(startNanos, endNanos);
            return new Timings(queueSeconds, null, duration, null, null, rate, lag, null);
        }
        double ttft = (contentArrivals.get(0) - startNanos) / NANOS;
        Double firstAnswer = firstAnswerNanos == null ? null : (firstAnswerNanos - startNanos) / NANOS;
        Double lag = hostLag.lagSeconds(startNanos, contentArrivals.get(0));
        int chunks = contentArrivals.size();
        if (chunks < 2) {
            return new Timings(queueSeconds, ttft, duration, null, null, null, lag, firstAnswer);
        }
        double[] gaps = new double[chunks - 1];
        for (int i = 1; i < chunks; i++) {
            gaps[i - 1] = (contentArrivals.get(i) - contentArrivals.get(i - 1)) / NANOS;
        }
        double decodeSeconds = (contentArrivals.get(chunks - 1) - contentArrivals.get(0)) / NANOS;
        Double rate = outputTokens > 0 && decodeSeconds > 0
                ? outputTokens * (chunks - 1.0) / chunks / decodeSeconds
                : null;
        return new Timings(queueSeconds, ttft, duration, QUANTILE.evaluate(gaps, 0.5), QUANTILE.evaluate(gaps, 0.95),
                rate, lag, firstAnswer);
    }
}
