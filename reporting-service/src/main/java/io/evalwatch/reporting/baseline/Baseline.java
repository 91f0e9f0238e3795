package io.evalwatch.reporting.baseline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * The run that later runs of a model are compared with, per suite version and run configuration: the last
 * accepted run (one without a regression), or a run pinned by hand, which stays until unpinned.
 */
@Entity
@Table(name = "baseline")
public class Baseline extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String model;

    public String suite;

    @Column(name = "suite_version")
    public String suiteVersion;

    /** The run configuration that must match for runs to be comparable (samples, variant). */
    @Column(name = "config_key")
    public String configKey;

    @Column(name = "run_id")
    public String runId;

    public boolean pinned;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    public static Optional<Baseline> of(String model, String suite, String suiteVersion, String configKey) {
        return find("model = ?1 and suite = ?2 and suiteVersion = ?3 and configKey = ?4", model, suite, suiteVersion,
                configKey).firstResultOptional();
    }
}
