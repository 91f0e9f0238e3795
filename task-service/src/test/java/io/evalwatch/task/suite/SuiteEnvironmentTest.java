package io.evalwatch.task.suite;

import static io.evalwatch.task.testing.SuiteFolders.SUITES;
import static io.evalwatch.task.testing.SuiteFolders.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.EnvironmentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment: section of suite.yaml and of a task file. */
class SuiteEnvironmentTest {

    private final SuiteLoader loader = new SuiteLoader();

    @Test
    void aSuiteWithoutEnvironmentRunsInThePlainSandbox() {
        Suite suite = loader.load(SUITES.resolve("mini"));
        assertNull(suite.environment());
        suite.tasks().forEach(t -> assertNull(t.environment(), t.id()));
    }

    @Test
    void everyTaskTakesTheSuitesEnvironmentUnlessItDeclaresItsOwn(@TempDir Path tmp) throws Exception {
        Path copy = copy(SUITES.resolve("mini"), tmp.resolve("mini"));
        append(copy.resolve("suite.yaml"), """
                environment:
                  python:
                    packages: [numpy]
                    preload: [numpy]
                  node:
                    packages: {left-pad: 1.3.0}
                  java:
                    artifacts: ["org.apache.commons:commons-lang3:3.14.0"]
                """);
        append(copy.resolve("tasks/neg.yaml"), """
                environment:
                  python:
                    source: wheelhouse
                    wheelhouse: /srv/wheels
                    packages: ["pydantic==2.7.1"]
                """);

        Suite suite = loader.load(copy);

        EnvironmentSpec declared = suite.environment();
        assertEquals(new EnvironmentSpec.Python("debian", List.of("numpy"), List.of("numpy"), null, null),
                declared.python());
        assertEquals(Map.of("left-pad", "1.3.0"), declared.node().packages());
        assertEquals(List.of("org.apache.commons:commons-lang3:3.14.0"), declared.java().artifacts());
        assertEquals(declared, suite.task("add").orElseThrow().environment());
        EnvironmentSpec own = suite.task("neg").orElseThrow().environment();
        assertEquals("wheelhouse", own.python().source());
        assertNull(own.node(), "a task's environment replaces the suite's; it is not merged");
    }

    @Test
    void theEnvironmentIsNotPartOfATasksContent(@TempDir Path tmp) throws Exception {
        Path copy = copy(SUITES.resolve("mini"), tmp.resolve("mini"));
        Map<String, String> before = loader.load(copy).taskHashes();
        append(copy.resolve("suite.yaml"), "environment:\n  python:\n    packages: [numpy]\n");
        assertEquals(before, loader.load(copy).taskHashes(),
                "what an environment resolves to is the run's lock hash, in the stream's segment");
    }

    @Test
    void everyMistakeIsNamedWithItsFileAndField(@TempDir Path tmp) throws Exception {
        Path copy = copy(SUITES.resolve("mini"), tmp.resolve("mini"));
        append(copy.resolve("suite.yaml"), """
                environment:
                  python:
                    source: conda
                    packages: ["numpy>>1"]
                  node:
                    packages: [left-pad]
                  java:
                    artifacts: [commons-lang3]
                  ruby: {}
                """);
        append(copy.resolve("tasks/neg.yaml"), "environment:\n  python:\n    source: wheelhouse\n"
                + "    packages: [requests]\n");

        SuiteValidationException e = assertThrows(SuiteValidationException.class, () -> loader.load(copy));

        String message = e.getMessage();
        for (String expected : List.of("environment.python.source 'conda' is not one of",
                "'numpy>>1' is not a requirement", "environment.node.packages must be a mapping",
                "'commons-lang3' is not a Maven coordinate", "unknown field 'ruby'",
                "neg.yaml:13:3: environment.python.wheelhouse is required with source wheelhouse")) {
            assertTrue(message.contains(expected), "missing \"" + expected + "\" in:\n" + message);
        }
    }

    @Test
    void anEnvironmentThatDeclaresNothingIsAMistake(@TempDir Path tmp) throws Exception {
        Path copy = copy(SUITES.resolve("mini"), tmp.resolve("mini"));
        append(copy.resolve("suite.yaml"), "environment:\n  python:\n    preload: [numpy]\n");
        SuiteValidationException e = assertThrows(SuiteValidationException.class, () -> loader.load(copy));
        assertTrue(e.getMessage().contains("declares no package"), e.getMessage());
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, "\n" + text, StandardOpenOption.APPEND);
    }
}
