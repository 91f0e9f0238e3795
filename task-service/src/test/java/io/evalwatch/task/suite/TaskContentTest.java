package io.evalwatch.task.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TestCase;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskContentTest {

    private static final TaskDefinition TASK = new TaskDefinition("add", "arithmetic", TaskKind.GENERATION, "python",
            "add", 3.0, "Write add(a, b).", List.of(new TestCase("small", "assert add(1, 2) == 3", false)),
            "def add(a, b):\n    return a + b\n", List.of("easy"), null);

    @Test
    void theHashIsTheSha256OfTheCanonicalJson() {
        assertEquals("{\"category\":\"arithmetic\",\"entry_point\":\"add\",\"id\":\"add\",\"kind\":\"generation\","
                + "\"language\":\"python\",\"prompt\":\"Write add(a, b).\",\"reference\":\"def add(a, b):\\n"
                + "    return a + b\\n\",\"tags\":[\"easy\"],\"tests\":[{\"code\":\"assert add(1, 2) == 3\","
                + "\"edge\":false,\"name\":\"small\"}],\"timeout_seconds\":3.0}", TaskContent.canonicalJson(TASK));
        assertEquals(TaskContent.sha256(TaskContent.canonicalJson(TASK)), TASK.contentHash());
        assertEquals(64, TASK.contentHash().length());
    }

    @Test
    void theHashIsStableAndIgnoresTheReviewDate() {
        TaskDefinition same = new TaskDefinition("add", "arithmetic", TaskKind.GENERATION, "python", "add", 3.0,
                "Write add(a, b).", List.of(new TestCase("small", "assert add(1, 2) == 3", false)),
                "def add(a, b):\n    return a + b\n", List.of("easy"), LocalDate.of(2025, 1, 2));
        assertEquals(TASK.contentHash(), same.contentHash());
    }

    @Test
    void everyFieldThatDefinesTheTaskChangesTheHash() {
        List<TestCase> tests = TASK.tests();
        List<TaskDefinition> variants = List.of(
                with(TASK, "id"),
                new TaskDefinition("add", "strings", TASK.kind(), "python", "add", 3.0, TASK.prompt(), tests,
                        TASK.reference(), TASK.tags(), null),
                new TaskDefinition("add", "arithmetic", TaskKind.COMPLETION, "python", "add", 3.0, TASK.prompt(),
                        tests, TASK.reference(), TASK.tags(), null),
                new TaskDefinition("add", "arithmetic", TASK.kind(), "javascript", "add", 3.0, TASK.prompt(), tests,
                        TASK.reference(), TASK.tags(), null),
                new TaskDefinition("add", "arithmetic", TASK.kind(), "python", "plus", 3.0, TASK.prompt(), tests,
                        TASK.reference(), TASK.tags(), null),
                new TaskDefinition("add", "arithmetic", TASK.kind(), "python", "add", 4.0, TASK.prompt(), tests,
                        TASK.reference(), TASK.tags(), null),
                new TaskDefinition("add", "arithmetic", TASK.kind(), "python", "add", 3.0, "Write add(a, b)!", tests,
                        TASK.reference(), TASK.tags(), null),
                new TaskDefinition("add", "arithmetic", TASK.kind(), "python", "add", 3.0, TASK.prompt(),
                        List.of(new TestCase("small", "assert add(1, 2) == 3", true)), TASK.reference(), TASK.tags(),
                        null),
                new TaskDefinition("add", "arithmetic", TASK.kind(), "python", "add", 3.0, TASK.prompt(),
                        List.of(new TestCase("tiny", "assert add(1, 2) == 3", false)), TASK.reference(), TASK.tags(),
                        null),
                new TaskDefinition("add", "arithmetic", TASK.kind(), "python", "add", 3.0, TASK.prompt(),
                        List.of(new TestCase("small", "assert add(2, 2) == 4", false)), TASK.reference(), TASK.tags(),
                        null),
                new TaskDefinition("add", "arithmetic", TASK.kind(), "python", "add", 3.0, TASK.prompt(), tests,
                        "def add(a, b):\n    return b + a\n", TASK.tags(), null),
                new TaskDefinition("add", "arithmetic", TASK.kind(), "python", "add", 3.0, TASK.prompt(), tests,
                        TASK.reference(), List.of("easy", "math"), null));
        Set<String> hashes = new HashSet<>(Set.of(TASK.contentHash()));
        for (TaskDefinition variant : variants) {
            assertTrue(hashes.add(variant.contentHash()), "a changed field must change the hash: " + variant);
        }
    }

    @Test
    void theTaskSetHashDependsOnPairsNotOnOrder() {
        String one = TaskContent.taskSetHash(Map.of("a", "1", "b", "2"));
        assertEquals(one, TaskContent.taskSetHash(new java.util.LinkedHashMap<>(Map.of("b", "2", "a", "1"))));
        assertNotEquals(one, TaskContent.taskSetHash(Map.of("a", "1", "b", "3")));
        assertNotEquals(one, TaskContent.taskSetHash(Map.of("a", "1")));
        assertNotEquals(one, TaskContent.taskSetHash(Map.of("a", "2", "b", "1")));
    }

    private static TaskDefinition with(TaskDefinition t, String newId) {
        return new TaskDefinition(newId, t.category(), t.kind(), t.language(), t.entryPoint(), t.timeoutSeconds(),
                t.prompt(), t.tests(), t.reference(), t.tags(), t.reviewed());
    }
}
