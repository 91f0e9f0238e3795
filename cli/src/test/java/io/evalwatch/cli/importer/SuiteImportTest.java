package io.evalwatch.cli.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a suite at once, time limits from measured runtimes, and nothing left behind when an import fails. */
class SuiteImportTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A sandbox stand-in: each task's reference "takes" the given seconds; listed tasks fail. */
    private static ReferenceRunner runner(Map<String, Double> seconds, List<String> failing) {
        return (task, wall) -> failing.contains(task.id())
                ? new ReferenceRunner.Outcome(false, 0.1, "test test-1 failed: AssertionError")
                : new ReferenceRunner.Outcome(true, seconds.getOrDefault(task.id(), 0.05), null);
    }

    @Test
    void timeLimitsFollowTheReferencesMeasuredRuntimeAsEvalPlusDoes() {
        TimeLimit limit = TimeLimit.EVALPLUS;
        assertEquals(4, limit.of(0.01), "the floor");
        assertEquals(4, limit.of(1.0));
        assertEquals(10, limit.of(2.4), "factor 4, rounded up");
        assertEquals(120, limit.of(45), "the sandbox's ceiling");
        assertEquals(30, limit.longestMeasurable());
    }

    @Test
    void writesTheSuiteWithMeasuredLimits(@TempDir Path suites) throws Exception {
        ReferenceTimer timer = new ReferenceTimer(runner(Map.of("mbpp-2", 2.4), List.of()), TimeLimit.EVALPLUS, 2,
                null);
        SuiteImport.Result result = new SuiteImport(new MbppFormat(), timer, null)
                .run(Datasets.of("mbpp"), suites, "mbpp-five", "2024.1", 5);

        assertTrue(result.measured());
        assertEquals(5, result.tasks().size());
        JsonNode suite = YAML.readTree(suites.resolve("mbpp-five/suite.yaml").toFile());
        assertEquals("mbpp-five", suite.path("name").asText());
        assertEquals("2024.1", suite.path("version").asText());
        JsonNode slow = YAML.readTree(suites.resolve("mbpp-five/tasks/mbpp-2.yaml").toFile());
        assertEquals(10, slow.path("timeout_seconds").asDouble());
        assertEquals("similar_elements", slow.path("entry_point").asText());
        assertEquals(4, YAML.readTree(suites.resolve("mbpp-five/tasks/mbpp-1.yaml").toFile())
                .path("timeout_seconds").asDouble());
        assertEquals(List.of("mbpp-five"), names(suites), "no staging folder is left");
    }

    @Test
    void evalPlusSuitesDeclareTheirPythonEnvironment(@TempDir Path suites) throws Exception {
        new SuiteImport(new EvalPlusFormat(), null, null).run(Datasets.of("mbppplus"), suites, "mbppplus", "0.2.0", 2);

        assertEquals("""
                name: mbppplus
                version: 0.2.0
                description: "imported from mbppplus (evalplus, 2 problems)"
                environment:
                  python:
                    source: debian
                    packages:
                    - numpy
                    preload:
                    - numpy
                """, Files.readString(suites.resolve("mbppplus/suite.yaml")));
        assertEquals(60, YAML.readTree(suites.resolve("mbppplus/tasks/mbpp-2.yaml").toFile())
                .path("timeout_seconds").asDouble(), "EvalPlus's per-task cap when nothing was measured");
    }

    @Test
    void aFailedImportLeavesNothingBehind(@TempDir Path suites) throws Exception {
        ReferenceTimer timer = new ReferenceTimer(runner(Map.of(), List.of("mbpp-3")), TimeLimit.EVALPLUS, 2, null);
        ImportException e = assertThrows(ImportException.class, () -> new SuiteImport(new MbppFormat(), timer, null)
                .run(Datasets.of("mbpp"), suites, "mbpp", "1.0.0", 5));

        assertTrue(e.getMessage().contains("1 of 5 reference solutions do not pass"), e.getMessage());
        assertTrue(e.getMessage().contains("mbpp-3 (mbpp/3): test test-1 failed"), e.getMessage());
        assertEquals(List.of(), names(suites));

        ReferenceRunner unreachable = (task, wall) -> {
            throw new ImportException("sandbox-service is not reachable");
        };
        assertThrows(ImportException.class, () -> new SuiteImport(new MbppFormat(),
                new ReferenceTimer(unreachable, TimeLimit.EVALPLUS, 2, null), null)
                .run(Datasets.of("mbpp"), suites, "mbpp", "1.0.0", 5));
        assertEquals(List.of(), names(suites));
    }

    @Test
    void anExistingSuiteIsNeverOverwritten(@TempDir Path suites) throws Exception {
        new SuiteImport(new HumanEvalFormat(), null, null).run(Datasets.of("humaneval"), suites, "he", "1.0.0", 1);
        String before = Files.readString(suites.resolve("he/suite.yaml"));

        ImportException e = assertThrows(ImportException.class, () -> new SuiteImport(new HumanEvalFormat(), null,
                null).run(Datasets.of("humaneval"), suites, "he", "2.0.0", 3));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(before, Files.readString(suites.resolve("he/suite.yaml")));
        assertThrows(ImportException.class, () -> new SuiteImport(new HumanEvalFormat(), null, null)
                .run(Datasets.of("humaneval"), suites, "Bad Name", "1.0.0", 1));
        assertFalse(Files.exists(suites.resolve("Bad Name")));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
