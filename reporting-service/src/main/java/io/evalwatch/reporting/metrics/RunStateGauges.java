package io.evalwatch.reporting.metrics;

import io.evalwatch.reporting.baseline.Baseline;
import io.evalwatch.reporting.ledger.RunRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from the ledger every few seconds (a scrape must not query the database): runs in progress, the age
 * of the oldest (what the stuck-run alert watches), and when each model's baseline run completed (Grafana's
 * baseline marks).
 */
@ApplicationScoped
public class RunStateGauges {

    private final MeterRegistry registry;
    private final AtomicLong inProgress = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final Map<Tags, AtomicLong> baselines = new ConcurrentHashMap<>();

    public RunStateGauges(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("evalwatch_runs_in_progress", Tags.empty(), inProgress, AtomicLong::get);
        registry.gauge("evalwatch_run_oldest_in_progress_seconds", Tags.empty(), oldestSeconds, AtomicLong::get);
    }

    @Scheduled(every = "${evalwatch.metrics.refresh:10s}", delayed = "2s")
    @Transactional
    void refresh() {
        List<RunRecord> running = RunRecord.list("status = ?1 and expectedItems is not null and startedAt is not null",
                RunRecord.RUNNING);
        inProgress.set(running.size());
        Instant now = Instant.now();
        oldestSeconds.set(running.stream().mapToLong(r -> Duration.between(r.startedAt, now).toSeconds()).max()
                .orElse(0));
        for (Baseline b : Baseline.<Baseline>listAll()) {
            RunRecord run = RunRecord.findById(b.runId);
            Instant at = run == null || run.completedAt == null ? b.acceptedAt : run.completedAt;
            baselines.computeIfAbsent(Tags.of("model", b.model, "suite", b.suite), tags -> {
                AtomicLong holder = new AtomicLong();
                registry.gauge("evalwatch_baseline_run_timestamp_seconds", tags, holder, AtomicLong::get);
                return holder;
            }).set(at.getEpochSecond());
        }
    }
}
