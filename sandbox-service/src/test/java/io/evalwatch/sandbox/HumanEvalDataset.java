package io.evalwatch.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The HumanEval problems, read from the shared datasets folder next to the repository (never copied in). */
public record HumanEvalDataset(List<Problem> problems) {

    /** One problem: prompt (signature and docstring), canonical solution body, test (defines check). */
    public record Problem(String taskId, String prompt, String canonicalSolution, String test, String entryPoint) {
    }

    public static Path location() {
        return Fixtures.datasets().resolve("humaneval/HumanEval.jsonl.gz");
    }

    public static HumanEvalDataset load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Problem> problems = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(location())), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                problems.add(new Problem(node.get("task_id").asText(), node.get("prompt").asText(),
                        node.get("canonical_solution").asText(), node.get("test").asText(),
                        node.get("entry_point").asText()));
            }
        }
        return new HumanEvalDataset(List.copyOf(problems));
    }
}
