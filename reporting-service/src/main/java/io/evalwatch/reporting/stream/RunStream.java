package io.evalwatch.reporting.stream;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What one model × variant of a run measured (its stream key) and whether the run was fit to judge the model:
 * pending until the run completes, then valid or invalid with the health figures that decided it.
 */
@Entity
@Table(name = "run_stream")
@IdClass(ModelRunKey.class)
public class RunStream extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String VALID = "valid";
    public static final String INVALID = "invalid";

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public String model;

    @Id
    public String variant;

    /** Null for an ad-hoc run. */
    @Column(name = "stream_id")
    public String streamId;

    public String origin;

    public String segment;

    @Column(name = "task_set_hash")
    public String taskSetHash;

    public int samples;

    @Column(name = "generation_config_hash")
    public String generationConfigHash;

    @Column(name = "environment_hash")
    public String environmentHash;

    public String validity = PENDING;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> health;

    /** When the run was judged (its completion was analysed); orders a stream's history. */
    @Column(name = "judged_at")
    public Instant judgedAt;

    public boolean adHoc() {
        return streamId == null;
    }

    public boolean valid() {
        return VALID.equals(validity);
    }

    public static RunStream of(String runId, String model, String variant) {
        return findById(new ModelRunKey(runId, model, variant));
    }

    public static List<RunStream> ofRun(String runId) {
        return list("runId = ?1 order by model, variant", runId);
    }

    /** The stream's judged runs, oldest first. */
    public static List<RunStream> history(String streamId) {
        return list("streamId = ?1 and judgedAt is not null order by judgedAt, runId", streamId);
    }
}
