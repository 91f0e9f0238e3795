package io.evalwatch.reporting.baseline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The stored drift analysis of one model in one run: what regression reports show and the gate reads. */
@Entity
@Table(name = "drift_analysis")
@IdClass(DriftAnalysisRecord.Key.class)
public class DriftAnalysisRecord extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public String model;

    /** Null when the model had no baseline yet: this run became its first. */
    @Column(name = "baseline_run_id")
    public String baselineRunId;

    public boolean regressed;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> analysis;

    @Column(name = "created_at")
    public Instant createdAt;

    public static DriftAnalysisRecord of(String runId, String model) {
        return findById(new Key(runId, model));
    }

    /** Composite key (run, model). */
    public static class Key implements Serializable {
        public String runId;
        public String model;

        public Key() {
        }

        public Key(String runId, String model) {
            this.runId = runId;
            this.model = model;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(model, k.model);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, model);
        }
    }
}
