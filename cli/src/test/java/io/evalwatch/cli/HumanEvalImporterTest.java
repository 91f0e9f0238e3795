package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real HumanEval file from ../shared (never copied into the project). */
class HumanEvalImporterTest {

    static final Path HUMANEVAL = Path.of(System.getProperty("evalwatch.root", ".."))
            .resolve("../shared/datasets/humaneval/HumanEval.jsonl.gz").normalize();

    @Test
    void importsProblemsAsCompletionTasksWithTheirCheck(@TempDir Path tmp) throws Exception {
        List<String> ids = HumanEvalImporter.importSuite(HUMANEVAL, tmp.resolve("he"), "he", "1.0.0", 5);

        assertEquals(List.of("humaneval-0", "humaneval-1", "humaneval-2", "humaneval-3", "humaneval-4"), ids);
        JsonNode task = new ObjectMapper(new YAMLFactory()).readTree(tmp.resolve("he/tasks/humaneval-0.yaml").toFile());
        assertEquals("has_close_elements", task.path("entry_point").asText());
        assertEquals("completion", task.path("kind").asText());
        assertTrue(task.path("tests").get(0).path("code").asText().endsWith("check(has_close_elements)\n"));
        assertTrue(task.path("reference").asText().startsWith(task.path("prompt").asText()));
        assertTrue(Files.readString(tmp.resolve("he/suite.yaml")).contains("name: he"));
    }

    @Test
    void refusesToOverwriteASuiteAndSaysWhereBadInputIs(@TempDir Path tmp) throws Exception {
        HumanEvalImporter.importSuite(HUMANEVAL, tmp.resolve("he"), "he", "1.0.0", 1);
        assertThrows(IOException.class, () -> HumanEvalImporter.importSuite(HUMANEVAL, tmp.resolve("he"), "he", "1", 1));

        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"task_id\":\"x\"}\n");
        IOException e = assertThrows(IOException.class,
                () -> HumanEvalImporter.importSuite(bad, tmp.resolve("x"), "x", "1", 0));
        assertTrue(e.getMessage().contains("line 1 has no 'prompt'"), e.getMessage());
    }
}
