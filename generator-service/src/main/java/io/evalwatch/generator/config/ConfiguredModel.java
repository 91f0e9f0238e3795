package io.evalwatch.generator.config;

/** A model ready to call: its effective config, its key from the environment and the hash of the config. */
public record ConfiguredModel(ModelConfig config, ApiKey apiKey, String configHash) {

    public String name() {
        return config.name();
    }
}
