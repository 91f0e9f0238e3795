package io.evalwatch.reporting.stream;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One change of a stream's reference run, with who made it, when and why. */
@Entity
@Table(name = "reference_change")
public class ReferenceChange extends PanacheEntityBase {

    /** The stream's first valid run became its reference. */
    public static final String FIRST_VALID = "first_valid";
    /** A person accepted a run as the new reference. */
    public static final String ACCEPTED = "accepted";
    /** The tasks' content or the environment changed (a suite version bump): the first valid run of it. */
    public static final String SEGMENT_CHANGED = "segment_changed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "stream_id")
    public String streamId;

    @Column(name = "run_id")
    public String runId;

    @Column(name = "previous_run_id")
    public String previousRunId;

    public String reason;

    /** Who accepted it; "evalwatch" for automatic changes. */
    public String actor;

    public String note;

    @Column(name = "changed_at")
    public Instant changedAt;

    public static List<ReferenceChange> ofStream(String streamId) {
        return list("streamId = ?1 order by changedAt", streamId);
    }
}
