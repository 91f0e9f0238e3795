package io.evalwatch.task.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TaskKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {

    private static final Path SUITES = Path.of("src/test/resources/suites");
    private final SuiteLoader loader = new SuiteLoader();

    @Test
    void loadsTasksWithDefaultsAndAVersionThatIncludesTheContent() {
        Suite suite = loader.load(SUITES.resolve("mini"));

        assertEquals("mini", suite.name());
        assertTrue(suite.version().startsWith("2.1.0+"), suite.version());
        assertEquals(2, suite.tasks().size());
        TaskDefinition neg = suite.task("neg").orElseThrow();
        assertEquals(TaskKind.GENERATION, neg.kind());
        assertEquals("python", neg.language());
        assertEquals(10.0, neg.timeoutSeconds());
        assertTrue(suite.task("add").orElseThrow().tests().get(1).edge());
    }

    @Test
    void anEditedSuiteGetsANewVersion(@TempDir Path tmp) throws Exception {
        Path copy = copy(SUITES.resolve("mini"), tmp.resolve("mini"));
        String before = loader.load(copy).version();

        Files.writeString(copy.resolve("tasks/neg.yaml"), "\n# edited\n", java.nio.file.StandardOpenOption.APPEND);

        assertNotEquals(before, loader.load(copy).version());
    }

    @Test
    void reportsEveryProblemWithFileAndField() {
        SuiteValidationException e = assertThrows(SuiteValidationException.class,
                () -> loader.load(SUITES.resolve("broken")));

        String all = String.join("\n", e.problems());
        assertTrue(all.contains("bad.yaml: id 'Bad Id' must match"), all);
        assertTrue(all.contains("kind 'essay' is unknown"), all);
        assertTrue(all.contains("language 'cobol'"), all);
        assertTrue(all.contains("field 'prompt' is required"), all);
        assertTrue(all.contains("field 'entry_point' is required"), all);
        assertTrue(all.contains("tests must be a non-empty list"), all);
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
