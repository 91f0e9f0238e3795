package io.evalwatch.simulator.profile;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A simulated model: one name, several versions that come into force over time or by an admin call. */
public record SimulatedModel(String name, List<ModelVersion> versions) {

    public SimulatedModel {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " has no version");
        }
        versions = List.copyOf(versions);
    }

    /**
     * The version in force at an instant by schedule: the last one in file order whose active_from has passed;
     * the first version when none has.
     */
    public ModelVersion scheduledAt(Instant now) {
        ModelVersion scheduled = null;
        for (ModelVersion version : versions) {
            if (version.activeFrom() != null && !version.activeFrom().isAfter(now)) {
                scheduled = version;
            }
        }
        return scheduled != null ? scheduled : versions.get(0);
    }

    public Optional<ModelVersion> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }
}
