package io.evalwatch.sandbox.environment;

import io.evalwatch.sandbox.config.EnvironmentToolsConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** The environment tools' configuration for tests that build parts without the service. */
final class ToolsConfig {

    private ToolsConfig() {
    }

    static EnvironmentToolsConfig defaults() {
        return new SmallRyeConfigBuilder().withMapping(EnvironmentToolsConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(), "test", 500))
                .build().getConfigMapping(EnvironmentToolsConfig.class);
    }
}
