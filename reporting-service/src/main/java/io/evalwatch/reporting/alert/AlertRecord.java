package io.evalwatch.reporting.alert;

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

/** An alert with its evidence and lifecycle: open → acknowledged → resolved. */
@Entity
@Table(name = "alert")
public class AlertRecord extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";

    @Id
    @Column(name = "alert_id")
    public String alertId;

    /** drift (raised by reporting's analysis) or prometheus (relayed from Alertmanager). */
    public String source;

    @Column(name = "run_id")
    public String runId;

    @Column(name = "baseline_run_id")
    public String baselineRunId;

    public String model;

    public String suite;

    @Column(name = "suite_version")
    public String suiteVersion;

    public String signal;

    public String scope;

    public String severity;

    public String summary;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> evidence;

    public String status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public String note;

    /** The comparison stream whose runs open and resolve this alert (drift alerts). */
    @Column(name = "stream_id")
    public String streamId;

    /** The stream run whose check resolved the alert. */
    @Column(name = "resolved_by_run_id")
    public String resolvedByRunId;

    /** The evidence the resolution rests on. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> resolution;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    /** Open or acknowledged: the alert still stands. */
    public boolean active() {
        return !RESOLVED.equals(status);
    }

    public static List<AlertRecord> active(String model, String suite) {
        return list("status <> ?1 and model = ?2 and suite = ?3", RESOLVED, model, suite);
    }

    public static List<AlertRecord> activeInStream(String streamId) {
        return list("status <> ?1 and streamId = ?2", RESOLVED, streamId);
    }
}
