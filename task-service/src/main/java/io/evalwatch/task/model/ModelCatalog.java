package io.evalwatch.task.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.task.config.TaskServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** The model names a run may name, from the models.yaml that generator-service uses to reach them. */
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

    /** The model names in a models.yaml; throws IllegalStateException saying why when it cannot be read. */
    public static Set<String> names(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("model catalogue " + file.toAbsolutePath() + " is missing; set"
                    + " evalwatch.models.file");
        }
        try {
            JsonNode models = YAML.readTree(file.toFile()).path("models");
            Set<String> names = new LinkedHashSet<>();
            models.forEach(m -> names.add(m.path("name").asText()));
            names.remove("");
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("model catalogue " + file + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
