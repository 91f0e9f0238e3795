package io.evalwatch.task.suite;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One task of a stored suite version, with the content it had when the version first ran. */
@Entity
@Table(name = "suite_task")
@IdClass(SuiteTask.Key.class)
public class SuiteTask extends PanacheEntityBase {

    @Id
    public String suite;

    @Id
    public String version;

    @Id
    @Column(name = "task_id")
    public String taskId;

    @Column(name = "content_hash")
    public String contentHash;

    /** The canonical content (TaskContent.canonical), reference included. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> content;

    @Column(name = "first_run_id")
    public String firstRunId;

    @Column(name = "stored_at")
    public Instant storedAt;

    static List<SuiteTask> of(String suite, String version) {
        return list("suite = ?1 and version = ?2 order by taskId", suite, version);
    }

    static List<SuiteTask> of(String suite) {
        return list("suite = ?1 order by storedAt, version, taskId", suite);
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String suite;
        public String version;
        public String taskId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(suite, k.suite) && Objects.equals(version, k.version)
                    && Objects.equals(taskId, k.taskId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(suite, version, taskId);
        }
    }
}
