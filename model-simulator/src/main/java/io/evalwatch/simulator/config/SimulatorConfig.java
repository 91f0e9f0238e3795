package io.evalwatch.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the model-simulator (prefix {@code simulator}). */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** The profile file; a relative path is resolved against the working directory, then against evalwatch.root. */
    @WithDefault("config/simulator.yaml")
    String profilesFile();

    /** The folder of suites whose tasks the simulator recognises; it may be absent. */
    @WithDefault("suites")
    String suitesDir();

    /** When set, the only API key accepted (401 otherwise); when absent any key, or none, is accepted. */
    Optional<String> requireApiKey();

    /** Run a task's tests with Python to make sure a generic mistake really fails them (needs python3). */
    @WithDefault("true")
    boolean checkMutations();

    @WithDefault("python3")
    String python();

    /** How many (model, seed) attempt counters are remembered for vendor-trouble draws. */
    @WithDefault("200000")
    int attemptMemory();
}
