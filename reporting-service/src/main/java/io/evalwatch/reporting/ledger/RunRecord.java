package io.evalwatch.reporting.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A run as reporting knows it. Items may arrive before the RunStarted that announces them (different topics), so
 * a record can exist with no expected count yet; it completes once the count is known and reached.
 */
@Entity
@Table(name = "run_record")
public class RunRecord extends PanacheEntityBase {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    /** Stalled past the deadline with expected items never seen: final, and never judged for drift. */
    public static final String INCOMPLETE = "incomplete";
    /** How many missing item ids an incomplete run keeps (the count is always whole). */
    public static final int MISSING_LISTED = 1000;

    @Id
    @Column(name = "run_id")
    public String runId;

    public String suite;

    @Column(name = "suite_version")
    public String suiteVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> models;

    public int samples;

    @Column(name = "expected_items")
    public Integer expectedItems;

    public String trigger;

    /** The scheduled monitor that started the run, if any. */
    public String monitor;

    /** The named CI series a client asked for, if any. */
    public String series;

    /** Task id → content hash of every task the run dispatched. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "task_hashes")
    public Map<String, String> taskHashes;

    @Column(name = "evalwatch_version")
    public String evalwatchVersion;

    public String status = RUNNING;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** The ids of the items an incomplete run never saw (at most {@link #MISSING_LISTED}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "missing_items")
    public List<String> missingItems;

    @Column(name = "missing_count")
    public Integer missingCount;

    /** The run's stored item results (scored or errored), counted as each is stored, under the run's lock. */
    @Column(name = "stored_items")
    public int storedItems;

    // The run's counts per stage, kept here once it ended and its item_stage rows were pruned (progress/StagePruner;
    // null before). Read-only in this entity: only the pruner's own statement writes them, so a run row loaded
    // earlier and saved later cannot put them back to null.
    @Column(name = "stage_generated", insertable = false, updatable = false)
    public Integer stageGenerated;

    @Column(name = "stage_generation_errors", insertable = false, updatable = false)
    public Integer stageGenerationErrors;

    @Column(name = "stage_to_execute", insertable = false, updatable = false)
    public Integer stageToExecute;

    @Column(name = "stage_executed", insertable = false, updatable = false)
    public Integer stageExecuted;

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /** Completed or incomplete: nothing changes its status any more. */
    public boolean ended() {
        return completed() || INCOMPLETE.equals(status);
    }
}
