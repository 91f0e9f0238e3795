package io.evalwatch.reporting.consistency;

import io.evalwatch.reporting.drift.NoiseFloor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A model's noise floor as one run's repeats measured it (the consistency probe); the latest one is in force. */
@Entity
@Table(name = "noise_floor")
@IdClass(NoiseFloorRecord.Key.class)
public class NoiseFloorRecord extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public String model;

    public String suite;

    @Column(name = "generation_config_hash")
    public String generationConfigHash;

    @Column(name = "pass_variance")
    public double passVariance;

    @Column(name = "score_variance")
    public double scoreVariance;

    public int tasks;

    public int repeats;

    public int items;

    @Column(name = "measured_at")
    public Instant measuredAt;

    public NoiseFloor floor() {
        return new NoiseFloor(runId, passVariance, scoreVariance, tasks, repeats);
    }

    /**
     * The latest noise floor of a model on a suite under a generation configuration (any stream's: a probe run
     * ad hoc measures the same model as the monitor's stream).
     */
    public static Optional<NoiseFloorRecord> latest(String model, String suite, String generationConfigHash) {
        return NoiseFloorRecord.<NoiseFloorRecord>find("model = ?1 and suite = ?2 and generationConfigHash = ?3"
                + " order by measuredAt desc", model, suite, generationConfigHash).firstResultOptional();
    }

    /** The composite key: one row per run and model. */
    public static class Key implements Serializable {
        public String runId;
        public String model;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(model, k.model);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, model);
        }
    }
}
