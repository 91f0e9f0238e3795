package io.evalwatch.reporting.metrics;

import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.stream.ComparisonStream;
import io.evalwatch.reporting.stream.ReferenceChange;
import io.evalwatch.reporting.stream.RunStream;
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
 * of the oldest (what the stuck-run alert watches), and each comparison stream's health (runs by validity, the last
 * run's validity) and reference marks (when its reference run completed, when its reference last changed and why:
 * Grafana's annotations).
 */
@ApplicationScoped
public class RunStateGauges {

    private final MeterRegistry registry;
    private final AtomicLong inProgress = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

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
        for (ComparisonStream stream : ComparisonStream.<ComparisonStream>listAll()) {
            refreshStream(stream);
        }
    }

    /** Stream health and reference marks: runs by validity, the last run's validity, reference (changes) times. */
    private void refreshStream(ComparisonStream stream) {
        Tags tags = Tags.of("stream", stream.streamId, "origin", stream.origin, "model", stream.model, "suite",
                stream.suite);
        List<RunStream> runs = RunStream.history(stream.streamId).stream()
                .filter(r -> r.model.equals(stream.model) && r.variant.equals(stream.variant)).toList();
        for (String validity : List.of(RunStream.VALID, RunStream.INVALID)) {
            gauge("evalwatch_stream_runs", tags.and("validity", validity))
                    .set(runs.stream().filter(r -> validity.equals(r.validity)).count());
        }
        if (!runs.isEmpty()) {
            gauge("evalwatch_stream_last_run_valid", tags).set(runs.get(runs.size() - 1).valid() ? 1 : 0);
        }
        if (stream.referenceRunId != null) {
            RunRecord reference = RunRecord.findById(stream.referenceRunId);
            Instant at = reference == null || reference.completedAt == null ? stream.referenceSince
                    : reference.completedAt;
            gauge("evalwatch_stream_reference_run_timestamp_seconds", tags).set(at.getEpochSecond());
        }
        for (ReferenceChange change : ReferenceChange.ofStream(stream.streamId)) {
            gauge("evalwatch_stream_reference_changed_timestamp_seconds", tags.and("reason", change.reason))
                    .set(change.changedAt.getEpochSecond()); // ordered by time: the last change of each reason stays
        }
    }

    private AtomicLong gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(name + tags, key -> {
            AtomicLong holder = new AtomicLong();
            registry.gauge(name, tags, holder, AtomicLong::get);
            return holder;
        });
    }
}
