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

/** The stored drift analysis of one model × variant in one run: what regression reports show and the gate reads. */
@Entity
@Table(name = "drift_analysis")
@IdClass(DriftAnalysisRecord.Key.class)
public class DriftAnalysisRecord extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public String model;

    @Id
    public String variant;

    /** The comparison stream the run belongs to; null for an ad-hoc run. */
    @Column(name = "stream_id")
    public String streamId;

    /** The stream's reference run the analysis compares with; null when there was none (or the run is ad hoc). */
    @Column(name = "baseline_run_id")
    public String baselineRunId;

    public boolean regressed;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> analysis;

    /** The stream's previous valid run, compared for the report (paired on the tasks whose content is unchanged). */
    @Column(name = "previous_run_id")
    public String previousRunId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "previous_analysis")
    public Map<String, Object> previousAnalysis;

    /** The stream's verdict at this run: validity, the detector's state and evidence, task changes. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "stream_assessment")
    public Map<String, Object> streamAssessment;

    @Column(name = "created_at")
    public Instant createdAt;

    public static DriftAnalysisRecord of(String runId, String model, String variant) {
        return findById(new Key(runId, model, variant));
    }

    /** Composite key (run, model, variant). */
    public static class Key implements Serializable {
        public String runId;
        public String model;
        public String variant;

        public Key() {
        }

        public Key(String runId, String model, String variant) {
            this.runId = runId;
            this.model = model;
            this.variant = variant;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(model, k.model)
                    && Objects.equals(variant, k.variant);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, model, variant);
        }
    }
}
