package io.evalwatch.task.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A run as task-service accepted it: what was asked for and how many items were dispatched. */
@Entity
@Table(name = "run")
public class Run extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    public String suite;

    @Column(name = "suite_version")
    public String suiteVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> models;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "task_ids")
    public List<String> taskIds;

    public int samples;

    @Column(name = "expected_items")
    public int expectedItems;

    public String trigger;

    public String monitor;

    @Column(name = "created_at")
    public Instant createdAt;

    public static List<Run> latest(int limit) {
        return find("order by createdAt desc").page(0, limit).list();
    }
}
