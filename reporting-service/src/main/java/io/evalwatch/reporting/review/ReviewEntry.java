package io.evalwatch.reporting.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** One entry of a review sample: the opaque id the reviewer sees and the item it stands for. */
@Entity
@Table(name = "review_entry")
public class ReviewEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "sample_id")
    public String sampleId;

    @Column(name = "entry_id")
    public String entryId;

    @Column(name = "item_id")
    public String itemId;

    /** top, bottom or middle (StratifiedSample.Stratum). */
    public String stratum;

    public int position;

    public static List<ReviewEntry> ofSample(String sampleId) {
        return list("sampleId = ?1 order by position", sampleId);
    }
}
