package io.evalwatch.sandbox.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * evalwatch_sandbox_execution_seconds{language} (a histogram with fixed buckets, so Grafana can take
 * quantiles) and evalwatch_sandbox_executions_total{language,outcome}.
 */
@ApplicationScoped
public class ExecutionMetrics {

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;

    public ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String language, String outcome, double seconds) {
        Timer.builder("evalwatch.sandbox.execution")
                .description("Wall time of one execution in the sandbox, analysis included")
                .tag("language", language)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos((long) (seconds * 1e9)));
        Counter.builder("evalwatch.sandbox.executions")
                .description("Executions by language and outcome")
                .tag("language", language)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
