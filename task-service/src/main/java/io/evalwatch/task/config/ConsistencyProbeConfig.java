package io.evalwatch.task.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The consistency probe (the {@code repeat} variant): how many times a run sends each task's base prompt. */
@ConfigMapping(prefix = "evalwatch.probes.consistency")
public interface ConsistencyProbeConfig {

    /** Repeats of the same prompt per task and model in a run that asks for {@code repeat}. */
    @WithDefault("5")
    int repeats();
}
