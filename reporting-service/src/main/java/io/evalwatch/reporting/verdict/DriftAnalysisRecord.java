package io.evalwatch.reporting.verdict;

import io.evalwatch.reporting.stream.ModelRunKey;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The stored drift analysis of one model × variant in one run: what regression reports show and the gate reads. */
@Entity
@Table(name = "drift_analysis")
@IdClass(ModelRunKey.class)
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
        return findById(new ModelRunKey(runId, model, variant));
    }
}
