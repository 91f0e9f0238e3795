package io.evalwatch.task.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.task.config.TaskServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The models a run may name, with the generation configuration of each, from the models.yaml that
 * generator-service uses to reach them.
 */
@ApplicationScoped
public class ModelCatalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;

    public ModelCatalog(TaskServiceConfig config) {
        this.file = Path.of(config.models().file());
    }

    public Set<String> names() {
        return names(file);
    }

    /** The generation configuration of every model, by name, in file order. */
    public Map<String, GenerationConfig> generationConfigs() {
        return generationConfigs(file);
    }

    /** The model names in a models.yaml; throws IllegalStateException saying why when it cannot be read. */
    public static Set<String> names(Path file) {
        return generationConfigs(file).keySet();
    }

    static Map<String, GenerationConfig> generationConfigs(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("model catalogue " + file.toAbsolutePath() + " is missing; set"
                    + " evalwatch.models.file");
        }
        try {
            JsonNode models = YAML.readTree(file.toFile()).path("models");
            Map<String, GenerationConfig> configs = new LinkedHashMap<>();
            for (JsonNode m : models) {
                String name = m.path("name").asText();
                if (!name.isEmpty()) {
                    configs.put(name, GenerationConfig.of(m));
                }
            }
            return configs;
        } catch (IOException e) {
            throw new IllegalStateException("model catalogue " + file + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
