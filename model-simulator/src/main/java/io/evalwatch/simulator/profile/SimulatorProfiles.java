package io.evalwatch.simulator.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every simulated model of a profile file, by name, in file order. */
public record SimulatorProfiles(Map<String, SimulatedModel> models) {

    public SimulatorProfiles {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    public Optional<SimulatedModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The named model; an IllegalArgumentException naming the known ones when it is absent. */
    public SimulatedModel model(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "no simulated model '" + name + "'; known: " + models.keySet()));
    }
}
