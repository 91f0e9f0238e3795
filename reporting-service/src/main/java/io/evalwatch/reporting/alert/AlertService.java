package io.evalwatch.reporting.alert;

import io.evalwatch.events.DriftAlert;
import io.evalwatch.events.Topics;
import io.evalwatch.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alerts: stored with their evidence, published on eval.alerts (through the outbox, in the transaction that stores
 * them), counted in {@code evalwatch_drift_alert} (1 while a drift alert of that model, suite and signal stands),
 * acknowledged and resolved through the API.
 */
@ApplicationScoped
@Transactional
public class AlertService {

    public static final String DRIFT = "drift";
    public static final String PROMETHEUS = "prometheus";

    private final Outbox outbox;
    private final MeterRegistry registry;
    private final Map<Tags, AtomicInteger> gauges = new ConcurrentHashMap<>();

    public AlertService(Outbox outbox, MeterRegistry registry) {
        this.outbox = outbox;
        this.registry = registry;
    }

    void restoreGauges(@Observes StartupEvent start) {
        refreshGauges();
    }

    /** Stores and publishes a drift finding; the caller delivers it to the webhook once committed. */
    public DriftAlert raise(DriftAlert alert) {
        AlertRecord r = new AlertRecord();
        r.alertId = alert.alertId();
        r.source = DRIFT;
        r.runId = alert.runId();
        r.baselineRunId = alert.baselineRunId();
        r.streamId = alert.streamId();
        r.model = alert.model();
        r.suite = alert.suite();
        r.suiteVersion = alert.suiteVersion();
        r.signal = alert.signal();
        r.scope = alert.scope();
        r.severity = alert.severity();
        r.summary = alert.summary();
        r.evidence = alert.evidence();
        r.status = AlertRecord.OPEN;
        r.createdAt = alert.occurredAt();
        r.updatedAt = alert.occurredAt();
        r.persist();
        outbox.publish(Topics.ALERTS, alert.runId(), alert);
        refreshGauges();
        return alert;
    }

    /** The stream's standing drift alerts of a signal (open or acknowledged). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AlertRecord> standing(String streamId, String signal) {
        return AlertRecord.list("source = ?1 and streamId = ?2 and signal = ?3 and status <> ?4", DRIFT, streamId,
                signal, AlertRecord.RESOLVED);
    }

    /**
     * Resolves the stream's standing alerts of a signal: only a run of the stream (or a person's acceptance of a new
     * reference) does this, and the resolution names the run and the evidence.
     */
    public List<AlertRecord> resolveInStream(String streamId, String signal, String byRun, String why,
            Map<String, Object> evidence) {
        List<AlertRecord> resolved = standing(streamId, signal);
        Instant now = Instant.now();
        for (AlertRecord r : resolved) {
            r.status = AlertRecord.RESOLVED;
            r.updatedAt = now;
            r.resolvedByRunId = byRun;
            r.note = why;
            r.resolution = evidence;
        }
        if (!resolved.isEmpty()) {
            refreshGauges();
        }
        return resolved;
    }

    /** Records an alert relayed by Alertmanager from a Prometheus rule (latency, errors, lag, stuck runs). */
    public void relayed(String name, String status, String severity, String summary, Map<String, Object> labels) {
        String fingerprint = String.valueOf(labels.getOrDefault("__fingerprint", name + labels));
        Optional<AlertRecord> existing = AlertRecord.find("source = ?1 and scope = ?2 and status <> ?3", PROMETHEUS,
                fingerprint, AlertRecord.RESOLVED).firstResultOptional();
        if ("resolved".equals(status)) {
            existing.ifPresent(r -> {
                r.status = AlertRecord.RESOLVED;
                r.updatedAt = Instant.now();
                r.note = "resolved by Alertmanager";
            });
            return;
        }
        if (existing.isPresent()) {
            return;
        }
        AlertRecord r = new AlertRecord();
        r.alertId = UUID.randomUUID().toString();
        r.source = PROMETHEUS;
        r.signal = name;
        r.scope = fingerprint;
        r.model = labels.get("model") == null ? null : String.valueOf(labels.get("model"));
        r.suite = labels.get("suite") == null ? null : String.valueOf(labels.get("suite"));
        r.severity = severity == null ? "warning" : severity;
        r.summary = summary == null ? name : summary;
        r.evidence = labels;
        r.status = AlertRecord.OPEN;
        r.createdAt = Instant.now();
        r.updatedAt = r.createdAt;
        r.persist();
    }

    /** A person acknowledges an alert: a note saying what is being done is required. */
    public Optional<AlertRecord> acknowledge(String alertId, String note, String by) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("acknowledging an alert takes a note saying what is being done about"
                    + " it: {\"note\": \"...\", \"by\": \"...\"}");
        }
        return change(alertId, r -> {
            r.status = AlertRecord.ACKNOWLEDGED;
            r.note = note;
            r.acknowledgedBy = by;
        });
    }

    /**
     * A person resolves an alert relayed from Prometheus. A drift alert belongs to its stream: its runs resolve it
     * (or accepting a new reference), so a person acknowledges it instead.
     */
    public Optional<AlertRecord> resolveByHand(String alertId, String note) {
        AlertRecord existing = AlertRecord.findById(alertId);
        if (existing != null && DRIFT.equals(existing.source) && existing.streamId != null) {
            throw new IllegalStateException("alert " + alertId + " belongs to stream " + existing.streamId
                    + ": only a run of the stream resolves it (or accepting a new reference run with"
                    + " ./evalwatch baseline accept); acknowledge it with a note instead");
        }
        return change(alertId, r -> {
            r.status = AlertRecord.RESOLVED;
            if (note != null) {
                r.note = note;
            }
        });
    }

    private Optional<AlertRecord> change(String alertId, java.util.function.Consumer<AlertRecord> change) {
        AlertRecord r = AlertRecord.findById(alertId);
        if (r == null) {
            return Optional.empty();
        }
        change.accept(r);
        r.updatedAt = Instant.now();
        refreshGauges();
        return Optional.of(r);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AlertRecord> list(String status, String model, String suite, String streamId, String signal) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (status != null) {
            q.append(" and status = :status");
            params.put("status", status);
        }
        if (model != null) {
            q.append(" and model = :model");
            params.put("model", model);
        }
        if (suite != null) {
            q.append(" and suite = :suite");
            params.put("suite", suite);
        }
        if (streamId != null) {
            q.append(" and streamId = :stream");
            params.put("stream", streamId);
        }
        if (signal != null) {
            q.append(" and signal = :signal");
            params.put("signal", signal);
        }
        return AlertRecord.list(q + " order by createdAt desc", params);
    }

    void refreshGauges() {
        gauges.values().forEach(g -> g.set(0));
        List<Object[]> rows = AlertRecord.getEntityManager().createQuery(
                        "select distinct a.model, a.suite, a.signal, a.status from AlertRecord a where a.source = :s",
                        Object[].class)
                .setParameter("s", DRIFT).getResultList();
        for (Object[] row : rows) {
            Tags tags = Tags.of("model", String.valueOf(row[0]), "suite", String.valueOf(row[1]), "signal",
                    String.valueOf(row[2]));
            AtomicInteger gauge = gauges.computeIfAbsent(tags,
                    t -> registry.gauge("evalwatch_drift_alert", t, new AtomicInteger()));
            if (!AlertRecord.RESOLVED.equals(row[3])) {
                gauge.set(1);
            }
        }
    }
}
