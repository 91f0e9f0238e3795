package io.evalwatch.generator.service;

import io.evalwatch.events.Timings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;

/**
 * The generator's Prometheus metrics. Histograms publish fixed buckets (no client-side percentiles) so Grafana can
 * aggregate them across instances with histogram_quantile.
 */
@ApplicationScoped
public class GenerationMetrics {

    private static final Duration[] LATENCY_BUCKETS = Arrays.stream(new double[] {
            0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120})
            .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    // host lag is milliseconds on a healthy host; tens to hundreds under a CPU hog or a long GC pause
    private static final Duration[] LAG_BUCKETS = Arrays.stream(new double[] {
            0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5})
            .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    private static final double[] RATE_BUCKETS = {1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 150, 200, 300, 500, 1000};

    @Inject
    MeterRegistry registry;

    /** Records the latency of an answered item. */
    public void answered(String model, String provider, Timings t) {
        if (t.ttftSeconds() != null) {
            timer("evalwatch.generation.ttft", "time to first content token", model, provider).record(seconds(t.ttftSeconds()));
        }
        if (t.durationSeconds() != null) {
            timer("evalwatch.generation.duration", "request sent to last byte of the answer", model, provider)
                    .record(seconds(t.durationSeconds()));
        }
        if (t.hostLagSeconds() != null) {
            Timer.builder("evalwatch.generation.host.lag")
                    .description("delay the generator itself added before the first token (CPU contention, GC)")
                    .tags("model", model, "provider", provider)
                    .serviceLevelObjectives(LAG_BUCKETS)
                    .register(registry)
                    .record(seconds(t.hostLagSeconds()));
        }
        if (t.outputTokensPerSecond() != null) {
            DistributionSummary.builder("evalwatch.generation.output.tokens.per.second")
                    .description("decode rate from the provider's output token count")
                    .tags("model", model, "provider", provider)
                    .serviceLevelObjectives(RATE_BUCKETS)
                    .register(registry)
                    .record(t.outputTokensPerSecond());
        }
    }

    /** Time waiting for a slot (concurrency, rate limits, retry waits); every item, answered or not. */
    public void queued(String model, String provider, double queueSeconds) {
        timer("evalwatch.generation.queue", "waiting for a concurrency or rate-limit slot, retry waits included",
                model, provider).record(seconds(queueSeconds));
    }

    public void cost(String model, double usd) {
        Counter.builder("evalwatch.generation.cost.usd").description("cost of generations, every attempt included")
                .tag("model", model).register(registry).increment(usd);
    }

    public void tokens(String model, int input, int output) {
        Counter.builder("evalwatch.generation.tokens").description("tokens billed, every attempt included")
                .tags("model", model, "direction", "input").register(registry).increment(input);
        Counter.builder("evalwatch.generation.tokens").description("tokens billed, every attempt included")
                .tags("model", model, "direction", "output").register(registry).increment(output);
    }

    public void item(String model, String outcome) {
        Counter.builder("evalwatch.generation.items").description("items finished, by outcome (answered or error)")
                .tags("model", model, "outcome", outcome).register(registry).increment();
    }

    public void error(String model, String reason) {
        Counter.builder("evalwatch.generation.errors").description("items that finally failed, by reason")
                .tags("model", model, "reason", reason).register(registry).increment();
    }

    public void retry(String model, String reason) {
        Counter.builder("evalwatch.generation.retries").description("attempts retried, by the failed attempt's reason")
                .tags("model", model, "reason", reason).register(registry).increment();
    }

    public void duplicate() {
        Counter.builder("evalwatch.generation.duplicates")
                .description("redelivered items skipped because this instance already generated them")
                .register(registry).increment();
    }

    private Timer timer(String name, String description, String model, String provider) {
        return Timer.builder(name).description(description).tags("model", model, "provider", provider)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
