package io.evalwatch.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the model catalogue lives (evalwatch.models.*; env EVALWATCH_MODELS_FILE). */
@ConfigMapping(prefix = "evalwatch.models")
public interface ModelsConfig {

    /** Relative paths resolve against the working directory (the repository root in the local stack). */
    @WithDefault("config/models.yaml")
    String file();
}
