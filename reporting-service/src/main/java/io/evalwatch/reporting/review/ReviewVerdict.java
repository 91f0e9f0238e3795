package io.evalwatch.reporting.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One reviewer's verdict on one entry of a sample. */
@Entity
@Table(name = "review_verdict")
public class ReviewVerdict extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "sample_id")
    public String sampleId;

    @Column(name = "entry_id")
    public String entryId;

    public String reviewer;

    /** Would the reviewer accept the answer as is. */
    public boolean accept;

    @Column(name = "introduces_bug")
    public boolean introducesBug;

    public String comment;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    public static List<ReviewVerdict> ofSamples(List<String> sampleIds) {
        return sampleIds.isEmpty() ? List.of() : list("sampleId in ?1 order by recordedAt", sampleIds);
    }
}
