package io.evalwatch.reporting.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A sample of a run's scored items drawn for human review, with what it was drawn from and with. */
@Entity
@Table(name = "review_sample")
public class ReviewSample extends PanacheEntityBase {

    @Id
    @Column(name = "sample_id")
    public String sampleId;

    @Column(name = "run_id")
    public String runId;

    public long seed;

    public double minutes;

    @Column(name = "seconds_per_item")
    public double secondsPerItem;

    public int size;

    /** Scored items the run had when the sample was drawn. */
    public int available;

    @Column(name = "created_at")
    public Instant createdAt;

    public static List<ReviewSample> ofRun(String runId) {
        return list("runId = ?1 order by createdAt", runId);
    }
}
