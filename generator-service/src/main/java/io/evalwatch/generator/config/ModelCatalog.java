package io.evalwatch.generator.config;

import io.evalwatch.generator.secrets.SecretRedactor;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The models this generator can call, loaded and validated once at start: an invalid catalogue stops the service
 * with every problem listed, rather than failing items one by one later.
 */
@Startup
@ApplicationScoped
public class ModelCatalog {

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    @Inject
    ModelsConfig config;

    private Map<String, ConfiguredModel> models = Map.of();
    private Path source;

    @PostConstruct
    void load() {
        source = Path.of(config.file()).toAbsolutePath().normalize();
        String yaml;
        try {
            yaml = Files.readString(source);
        } catch (IOException e) {
            throw new InvalidModelCatalogException(source.toString(), List.of("cannot read the file (" + e
                    + "); set evalwatch.models.file (env EVALWATCH_MODELS_FILE) to the catalogue's path"));
        }
        // MicroProfile Config reads environment variables (and, for tests, system properties of the same name)
        Config settings = ConfigProvider.getConfig();
        Function<String, String> environment = name -> settings.getOptionalValue(name, String.class).orElse(null);
        models = resolve(ModelCatalogFile.parse(source.toString(), yaml, environment), environment);
        models.values().forEach(m -> LOG.infof("model %s: %s %s at %s, config %s", m.name(),
                m.config().provider().id(), m.config().modelId(), m.config().endpoint(), m.configHash().substring(0, 12)));
    }

    /** Reads each model's key from the environment and registers it with the redactor before anything can log it. */
    static Map<String, ConfiguredModel> resolve(List<ModelConfig> configs, Function<String, String> environment) {
        Map<String, ConfiguredModel> resolved = new LinkedHashMap<>();
        for (ModelConfig c : configs) {
            ApiKey key = c.apiKeyEnv() == null ? ApiKey.none() : ApiKey.of(environment.apply(c.apiKeyEnv()));
            if (key.present()) {
                SecretRedactor.instance().register(key.reveal());
            } else if (c.apiKeyEnv() != null) {
                // local servers (the simulator, Ollama) need no key; a vendor that does will answer 401 -> refused
                LOG.warnf("model %s: environment variable %s is empty or not set; requests go without an API key",
                        c.name(), c.apiKeyEnv());
            }
            resolved.put(c.name(), new ConfiguredModel(c, key, ConfigHash.of(c)));
        }
        return Map.copyOf(resolved);
    }

    public Optional<ConfiguredModel> find(String name) {
        return Optional.ofNullable(name == null ? null : models.get(name));
    }

    public Collection<ConfiguredModel> all() {
        return models.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public Path source() {
        return source;
    }
}
