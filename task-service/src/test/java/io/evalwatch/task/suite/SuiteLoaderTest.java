package io.evalwatch.task.suite;

import static io.evalwatch.task.testing.SuiteFolders.SUITES;
import static io.evalwatch.task.testing.SuiteFolders.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TaskKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {

    private final SuiteLoader loader = new SuiteLoader();

    @Test
    void loadsTasksWithDefaultsAndTheDeclaredVersion() {
        Suite suite = loader.load(SUITES.resolve("mini"));

        assertEquals("mini", suite.name());
        assertEquals("2.1.0", suite.version());
        assertEquals(2, suite.tasks().size());
        TaskDefinition neg = suite.task("neg").orElseThrow();
        assertEquals(TaskKind.GENERATION, neg.kind());
        assertEquals("python", neg.language());
        assertEquals(10.0, neg.timeoutSeconds());
        assertTrue(suite.task("add").orElseThrow().tests().get(1).edge());
    }

    @Test
    void aSuiteMayNameAnLlmJudgeAndOnlyItsModel(@TempDir Path tmp) throws Exception {
        assertEquals("judge-a", loader.load(SUITES.resolve("judged")).judgeModel());
        assertEquals(null, loader.load(SUITES.resolve("mini")).judgeModel());

        Path copy = copy(SUITES.resolve("judged"), tmp.resolve("judged"));
        Path suiteFile = copy.resolve("suite.yaml");
        Files.writeString(suiteFile, Files.readString(suiteFile).replace("judge: {model: judge-a}",
                "judge: {model: judge-a, rubric: mine}"));
        SuiteValidationException e = assertThrows(SuiteValidationException.class, () -> loader.load(copy));
        assertTrue(e.getMessage().contains("suite.yaml:4:25: unknown field 'rubric' in judge"), e.getMessage());
        Files.writeString(suiteFile, Files.readString(suiteFile).replace("judge: {model: judge-a, rubric: mine}",
                "judge: judge-a"));
        assertTrue(assertThrows(SuiteValidationException.class, () -> loader.load(copy)).getMessage()
                .contains("suite.yaml:4:1: judge: expected a mapping {model: <a model of the catalogue>}"));
    }

    @Test
    void anEditedTaskKeepsTheDeclaredVersionButChangesItsContentHash(@TempDir Path tmp) throws Exception {
        Path copy = copy(SUITES.resolve("mini"), tmp.resolve("mini"));
        Suite before = loader.load(copy);

        Files.writeString(copy.resolve("tasks/neg.yaml"), "\n# a comment only\n", StandardOpenOption.APPEND);
        assertEquals(before.taskHashes(), loader.load(copy).taskHashes(), "formatting is not content");

        Files.writeString(copy.resolve("tasks/neg.yaml"), Files.readString(copy.resolve("tasks/neg.yaml"))
                .replace("returning -a.", "returning minus a."));
        Suite after = loader.load(copy);
        assertEquals(before.version(), after.version());
        assertEquals(before.task("add").orElseThrow().contentHash(), after.task("add").orElseThrow().contentHash());
        assertNotEquals(before.task("neg").orElseThrow().contentHash(), after.task("neg").orElseThrow().contentHash());
    }

    @Test
    void memoryMbIsATasksOwnMemoryLimitAndPartOfItsContent(@TempDir Path tmp) throws Exception {
        Path copy = copy(SUITES.resolve("mini"), tmp.resolve("mini"));
        TaskDefinition before = loader.load(copy).task("neg").orElseThrow();
        assertEquals(null, before.memoryMb());
        assertEquals(null, before.toSpec(null).memoryMb());
        Path neg = copy.resolve("tasks/neg.yaml");
        String original = Files.readString(neg);

        Files.writeString(neg, original + "memory_mb: 4096\n");
        TaskDefinition limited = loader.load(copy).task("neg").orElseThrow();
        assertEquals(4096, limited.memoryMb());
        assertEquals(4096, limited.toSpec(null).memoryMb(), "the limit travels with the task to the sandbox");
        assertNotEquals(before.contentHash(), limited.contentHash(), "a memory limit changes how a task is judged");

        Files.writeString(neg, original + "memory_mb: 2.5GB\n");
        SuiteValidationException e = assertThrows(SuiteValidationException.class, () -> loader.load(copy));
        assertTrue(e.getMessage().contains("neg.yaml:11:1: memory_mb: expected a whole number of megabytes"), e.getMessage());
    }

    @Test
    void reviewedIsAnOptionalPastDate(@TempDir Path tmp) throws Exception {
        Path copy = copy(SUITES.resolve("mini"), tmp.resolve("mini"));
        String hash = loader.load(copy).task("neg").orElseThrow().contentHash();
        Path neg = copy.resolve("tasks/neg.yaml");
        String original = Files.readString(neg);

        Files.writeString(neg, original + "reviewed: 2025-03-14\n");
        TaskDefinition reviewed = loader.load(copy).task("neg").orElseThrow();
        assertEquals(LocalDate.of(2025, 3, 14), reviewed.reviewed());
        assertEquals(hash, reviewed.contentHash(), "a review date is not content");

        Files.writeString(neg, original + "reviewed: 14.03.2025\n");
        SuiteValidationException bad = assertThrows(SuiteValidationException.class, () -> loader.load(copy));
        assertTrue(bad.problems().get(0).contains("reviewed '14.03.2025' must be a date YYYY-MM-DD"),
                bad.problems().toString());

        Files.writeString(neg, original + "reviewed: 2999-01-01\n");
        bad = assertThrows(SuiteValidationException.class, () -> loader.load(copy));
        assertTrue(bad.problems().get(0).contains("in the future"), bad.problems().toString());
    }

    @Test
    void theVersionIsRequiredAndUsableInAUrl(@TempDir Path tmp) throws Exception {
        Path copy = copy(SUITES.resolve("mini"), tmp.resolve("mini"));
        Files.writeString(copy.resolve("suite.yaml"), "name: mini\nversion: 2.1.0+local\n");
        SuiteValidationException bad = assertThrows(SuiteValidationException.class, () -> loader.load(copy));
        assertTrue(bad.problems().get(0).contains("version '2.1.0+local' must match"), bad.problems().toString());

        Files.writeString(copy.resolve("suite.yaml"), "name: mini\n");
        bad = assertThrows(SuiteValidationException.class, () -> loader.load(copy));
        assertTrue(bad.problems().get(0).contains("field 'version' is required"), bad.problems().toString());
    }

    @Test
    void reportsEveryProblemWithFileAndField() {
        SuiteValidationException e = assertThrows(SuiteValidationException.class,
                () -> loader.load(SUITES.resolve("broken")));

        String all = String.join("\n", e.problems());
        assertTrue(all.contains("bad.yaml:1:1: id 'Bad Id' must match"), all);
        assertTrue(all.contains("kind 'essay' is unknown"), all);
        assertTrue(all.contains("language 'cobol'"), all);
        assertTrue(all.contains("field 'prompt' is required"), all);
        assertTrue(all.contains("bad.yaml:1:1: a generation task needs 'entry_point'"), all);
        assertTrue(all.contains("tests must be a non-empty list"), all);
    }
}
