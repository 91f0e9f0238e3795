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
    static final java.util.regex.Pattern FAMILY = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path file;

    public ModelCatalog(TaskServiceConfig config) {
        this.file = Path.of(config.models().file());
    }

    public Set<String> names() {
        return names(file);
    }

    /**
     * The family each model declares (lower case), by name; a model without {@code family} is absent. Two models of
     * one family (the same vendor line, e.g. {@code openai-gpt-4}) must not judge each other.
     */
    public Map<String, String> families() {
        return families(file);
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
        Map<String, GenerationConfig> configs = new LinkedHashMap<>();
        entries(file).forEach((name, entry) -> configs.put(name, GenerationConfig.of(entry)));
        return configs;
    }

    static Map<String, String> families(Path file) {
        Map<String, String> families = new LinkedHashMap<>();
        entries(file).forEach((name, entry) -> {
            String family = familyOf(name, entry);
            if (family != null) {
                families.put(name, family);
            }
        });
        return families;
    }

    /** The entry's family in lower case, null when it declares none; throws saying why when it is malformed. */
    static String familyOf(String name, JsonNode entry) {
        JsonNode family = entry.get("family");
        if (family == null || family.isNull()) {
            return null;
        }
        if (!family.isTextual() || !FAMILY.matcher(family.asText()).matches()) {
            throw new IllegalStateException("model catalogue: model '" + name + "' has family " + family
                    + "; a family is one word of letters, digits, '.', '_' and '-' such as openai-gpt-4");
        }
        return family.asText().toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, JsonNode> entries(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("model catalogue " + file.toAbsolutePath() + " is missing; set"
                    + " evalwatch.models.file");
        }
        try {
            JsonNode models = YAML.readTree(file.toFile()).path("models");
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            for (JsonNode m : models) {
                String name = m.path("name").asText();
                if (!name.isEmpty()) {
                    familyOf(name, m); // a malformed family is refused like malformed YAML, whichever view is read
                    entries.put(name, m);
                }
            }
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException("model catalogue " + file + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
