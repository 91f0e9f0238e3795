package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Converts a HumanEval-format JSONL file (task_id, prompt, canonical_solution, test, entry_point; optionally
 * gzipped) into an evalwatch suite folder. Each problem becomes a completion task whose single test runs the
 * dataset's {@code check(candidate)} against the entry point.
 */
public final class HumanEvalImporter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private HumanEvalImporter() {
    }

    /** Writes {@code target/suite.yaml} and {@code target/tasks/*.yaml}; returns the task ids written. */
    public static List<String> importSuite(Path source, Path target, String name, String version, int limit)
            throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + " does not exist or is not a file");
        }
        if (Files.exists(target.resolve("suite.yaml"))) {
            throw new IOException(target + " already holds a suite; choose another --name or remove it first");
        }
        Files.createDirectories(target.resolve("tasks"));
        List<String> ids = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(source);
                InputStream in = source.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = lines.readLine()) != null && (limit <= 0 || ids.size() < limit)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode problem;
                try {
                    problem = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IOException(source + " line " + lineNo + " is not JSON: " + e.getMessage(), e);
                }
                for (String field : List.of("task_id", "prompt", "canonical_solution", "test", "entry_point")) {
                    if (!problem.hasNonNull(field)) {
                        throw new IOException(source + " line " + lineNo + " has no '" + field + "'");
                    }
                }
                String id = problem.get("task_id").asText().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
                Files.writeString(target.resolve("tasks").resolve(id + ".yaml"),
                        YAML.writeValueAsString(task(id, problem)));
                ids.add(id);
            }
        }
        ObjectNode suite = YAML.createObjectNode();
        suite.put("name", name);
        suite.put("version", version);
        suite.put("description", "imported from " + source.getFileName() + " (" + ids.size() + " problems)");
        Files.writeString(target.resolve("suite.yaml"), YAML.writeValueAsString(suite));
        return ids;
    }

    static ObjectNode task(String id, JsonNode problem) {
        String prompt = problem.get("prompt").asText();
        String entryPoint = problem.get("entry_point").asText();
        ObjectNode task = YAML.createObjectNode();
        task.put("id", id);
        task.put("category", "humaneval");
        task.put("kind", "completion");
        task.put("language", "python");
        task.put("entry_point", entryPoint);
        task.put("timeout_seconds", 10);
        task.put("prompt", prompt);
        ObjectNode test = task.putArray("tests").addObject();
        test.put("name", "check");
        test.put("code", problem.get("test").asText() + "\n\ncheck(" + entryPoint + ")\n");
        task.put("reference", prompt + problem.get("canonical_solution").asText());
        task.putArray("tags").add("humaneval").add(problem.get("task_id").asText());
        return task;
    }
}
