package io.evalwatch.simulator.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TaskKind;
import io.evalwatch.simulator.truth.AnswerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task files read through the suite format, tolerantly. */
class TaskFilesTest {

    @Test
    void aValidTaskCarriesItsSpec() {
        List<SimTask> tasks = TaskFiles.loadSuites(Path.of("src/test/resources/suites"));
        assertEquals(4, tasks.size());
        tasks.forEach(t -> {
            assertNotNull(t.spec(), t.id());
            assertEquals(t.id(), t.spec().id());
            assertEquals("mini", t.suite());
        });
    }

    @Test
    void everyGoldenTaskIsKnownReviewAndSearchWithTheirSpecsAlthoughTheyHaveNoReference() {
        List<SimTask> tasks = TaskFiles.loadSuites(Path.of("../suites")).stream()
                .filter(t -> "golden".equals(t.suite())).toList();
        assertEquals(80, tasks.size());
        for (SimTask task : tasks) {
            assertNotNull(task.spec(), task.id() + " is read with its spec");
        }
        assertEquals(20, tasks.stream().filter(t -> t.kind() == io.evalwatch.events.TaskKind.REVIEW).count());
        assertEquals(15, tasks.stream().filter(t -> t.kind() == io.evalwatch.events.TaskKind.SEARCH).count());
    }

    @Test
    void aFileWithProblemsIsStillReadForWhatTheSimulatorNeeds(@TempDir Path dir) throws Exception {
        Path tasks = Files.createDirectories(dir.resolve("s/tasks"));
        Files.writeString(tasks.resolve("twice.yaml"), """
                id: twice
                owner: someone
                entry_point: twice
                prompt: Write twice(x) returning 2 * x.
                reference: |
                  def twice(x):
                      return 2 * x
                """);
        Files.writeString(tasks.resolve("broken.yaml"), "id: broken\nprompt: [unclosed\n");

        List<TaskFileException> bad = new ArrayList<>();
        List<SimTask> loaded = TaskFiles.loadSuites(dir, bad::add);

        assertEquals(List.of("twice"), loaded.stream().map(SimTask::id).toList());
        assertNull(loaded.get(0).spec(), "an unknown field and no tests: the format refuses it");
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).getMessage().contains("broken.yaml:2:"), bad.get(0).getMessage());
        assertThrows(TaskFileException.class, () -> TaskFiles.load(tasks.resolve("broken.yaml")));
    }

    @Test
    void aCompletionsIgnoresContextAnswerIsReadByItsLabel(@TempDir Path dir) throws Exception {
        Path suite = Files.createDirectories(dir.resolve("s"));
        Files.createDirectories(suite.resolve("codebase/kit"));
        Files.writeString(suite.resolve("codebase/kit/money.py"), "def to_cents(x):\n    return round(x * 100)\n");
        Path tasks = Files.createDirectories(suite.resolve("tasks"));
        Files.writeString(tasks.resolve("fill.yaml"), """
                id: fill
                kind: completion
                file: kit/calc.py
                context_files: [kit/money.py]
                prefix: |
                  def total(items):
                suffix: ""
                reference: |2
                      return sum(to_cents(i) for i in items)
                entry_point: total
                prompt: Complete total(items) so it sums the items in cents.
                tests:
                  - name: sums
                    code: assert total([1, 2]) == 300
                simulation:
                  ignores_context: |2
                        return sum(int(i * 100) for i in items)
                """);

        SimTask task = TaskFiles.load(tasks.resolve("fill.yaml"));

        assertTrue(task.simulation().get(AnswerKind.IGNORES_CONTEXT).contains("int(i * 100)"));
        assertEquals(TaskKind.COMPLETION, task.spec().kind());
        assertEquals("kit/money.py", task.spec().files().get(0).path());
    }
}
