package io.evalwatch.task.run;

import io.evalwatch.events.StreamKey;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A run as task-service accepted it: what was asked for and how many items were dispatched. */
@Entity
@Table(name = "run")
public class Run extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    public String suite;

    @Column(name = "suite_version")
    public String suiteVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> models;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "task_ids")
    public List<String> taskIds;

    public int samples;

    @Column(name = "expected_items")
    public int expectedItems;

    public String trigger;

    public String monitor;

    /** The named CI series the client asked for; null for monitor and ad-hoc runs. */
    public String series;

    /** One comparison stream key per model × variant, as announced in RunStarted. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<StreamKey> streams;

    /** Content hash of every dispatched task, by task id. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "task_hashes")
    public Map<String, String> taskHashes;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When reporting-service announced the run complete; null while it runs. */
    @Column(name = "completed_at")
    public Instant completedAt;

    /** Reporting ended the run incomplete: it stalled past its deadline with expected items never seen. */
    public boolean incomplete;

    public static List<Run> latest(int limit) {
        return find("order by createdAt desc").page(0, limit).list();
    }

    public static Optional<Run> latestOfMonitor(String monitor) {
        return find("monitor = ?1 order by createdAt desc", monitor).firstResultOptional();
    }

    /** Whether the run still holds its monitor back: not completed, and not so old that it counts as lost. */
    public boolean blocksMonitor(Instant now, Duration staleAfter) {
        return completedAt == null && createdAt.isAfter(now.minus(staleAfter));
    }

    /** completed, incomplete, running, or stale (never announced ended and older than the stale limit). */
    public String progress(Instant now, Duration staleAfter) {
        if (completedAt != null) {
            return incomplete ? "incomplete" : "completed";
        }
        return blocksMonitor(now, staleAfter) ? "running" : "stale";
    }
}
