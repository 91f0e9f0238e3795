package io.evalwatch.reporting.stream;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A comparison stream and its reference run: the run every check of the stream is judged against. The reference
 * changes only when a person accepts another run, or when the stream's segment (task contents, environment) changes.
 */
@Entity
@Table(name = "comparison_stream")
public class ComparisonStream extends PanacheEntityBase {

    @Id
    @Column(name = "stream_id")
    public String streamId;

    /** monitor:&lt;name&gt; or series:&lt;name&gt;. */
    public String origin;

    public String model;

    public String suite;

    public int samples;

    public String variant;

    @Column(name = "generation_config_hash")
    public String generationConfigHash;

    /** Null until the stream's first valid run. */
    @Column(name = "reference_run_id")
    public String referenceRunId;

    /** The segment (task contents, environment) the reference measured. */
    @Column(name = "reference_segment")
    public String referenceSegment;

    @Column(name = "reference_since")
    public Instant referenceSince;

    @Column(name = "created_at")
    public Instant createdAt;

    public static List<ComparisonStream> ofSuite(String suite) {
        return list("suite = ?1 order by origin, model, variant", suite);
    }
}
