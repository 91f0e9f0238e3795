package io.evalwatch.simulator.answer;

import io.evalwatch.simulator.service.PythonMutationCheck;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.task.TaskFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each generic mistake is what it claims: syntax errors do not compile, the others compile and fail the tests. */
class PythonMutationsTest {

    private static Map<String, SimTask> tasks;
    private static final PythonMutationCheck CHECK = new PythonMutationCheck("python3", 20);

    @BeforeAll
    static void loadTasks() {
        tasks = TaskFiles.loadSuites(Path.of("src/test/resources/suites")).stream()
                .collect(Collectors.toMap(SimTask::id, Function.identity()));
    }

    @Test
    void parameterCountReadsTheDefLineWithBracketedAnnotationsAsOneParameter() {
        assertEquals(java.util.OptionalInt.of(1), PythonMutations.parameterCount(
                "def merge(intervals: list[tuple[int, int]]) -> list:\n    return intervals\n", "merge"));
        assertEquals(java.util.OptionalInt.of(2), PythonMutations.parameterCount(
                "def wrap(text: str, width: int = 80,\n         ) -> list[str]:\n    return [text]\n", "wrap"));
        assertEquals(java.util.OptionalInt.of(0), PythonMutations.parameterCount("def f():\n    return 1\n", "f"));
        assertEquals(java.util.OptionalInt.empty(), PythonMutations.parameterCount("x = 1\n", "f"));
    }

    @Test
    void referencesPassTheirTests() {
        for (SimTask task : tasks.values()) {
            assertFalse(CHECK.failsTests(task, task.reference()), task.id() + " reference must pass");
        }
    }

    @Test
    void offByOneMovesTheRangeStopFirst() {
        SimTask task = tasks.get("sum-range");
        List<String> candidates = PythonMutations.offByOne(task.reference(), task.entryPoint());
        assertTrue(candidates.get(0).contains("range(a, b)"), candidates.get(0));
        for (String candidate : candidates) {
            assertNotEquals(task.reference(), candidate);
            assertTrue(Python.compiles(candidate), candidate);
        }
        assertTrue(CHECK.failsTests(task, candidates.get(0)));
    }

    @Test
    void offByOneFlipsComparisonsAndLiterals() {
        SimTask task = tasks.get("is-prime");
        List<String> candidates = PythonMutations.offByOne(task.reference(), task.entryPoint());
        assertTrue(candidates.get(0).contains("if n <= 2:"), candidates.get(0));
        assertTrue(candidates.stream().anyMatch(c -> c.contains("while i * i < n:")));
        assertTrue(candidates.stream().anyMatch(c -> c.contains("i = 3")));
        // the docstring is not code and is never touched
        candidates.forEach(c -> assertTrue(c.contains("\"\"\"True when n is prime.\"\"\""), c));
        candidates.forEach(c -> assertTrue(Python.compiles(c), c));
    }

    @Test
    void missingEdgeCaseDropsTheFirstGuard() {
        SimTask task = tasks.get("is-prime");
        List<String> candidates = PythonMutations.missingEdgeCase(task.reference(), task.entryPoint());
        assertFalse(candidates.get(0).contains("if n < 2:"), candidates.get(0));
        assertTrue(candidates.get(0).contains("if n % i == 0:"), candidates.get(0));
        assertTrue(Python.compiles(candidates.get(0)), candidates.get(0));
        assertTrue(CHECK.failsTests(task, candidates.get(0)));
        // the guard inside the loop is a candidate too; an emptied block gets a pass
        assertTrue(candidates.size() >= 2);
        candidates.forEach(c -> assertTrue(Python.compiles(c), c));
        assertTrue(PythonMutations.missingEdgeCase(tasks.get("count-words").reference(), "count_words").isEmpty());
    }

    @Test
    void oneLineGuardsAndEmptiedBlocks() {
        String source = """
                def first_even(values):
                    if not values: return None
                    for v in values:
                        if v % 2 == 0:
                            return v
                    return None
                """;
        List<String> candidates = PythonMutations.missingEdgeCase(source, "first_even");
        assertEquals(2, candidates.size());
        assertFalse(candidates.get(0).contains("if not values"));
        assertTrue(candidates.get(1).contains("for v in values:\n        pass\n"), candidates.get(1));
        candidates.forEach(c -> assertTrue(Python.compiles(c), c));
    }

    @Test
    void hallucinatedApiAlwaysRaisesWhenCalled() {
        for (SimTask task : tasks.values()) {
            String mutated = PythonMutations.hallucinatedApi(task.reference(), task.entryPoint()).orElseThrow();
            assertTrue(Python.compiles(mutated), mutated);
            assertTrue(mutated.contains("copy.deepclone(") || mutated.contains("normalize_input("), mutated);
            assertTrue(CHECK.failsTests(task, mutated), mutated);
        }
        String oneLiner = PythonMutations.hallucinatedApi("def twice(x): return 2 * x\n", "twice").orElseThrow();
        assertTrue(Python.compiles(oneLiner), oneLiner);
    }

    @Test
    void syntaxErrorDoesNotCompile() {
        for (SimTask task : tasks.values()) {
            String mutated = PythonMutations.syntaxError(task.reference(), task.entryPoint()).orElseThrow();
            assertNotEquals(task.reference(), mutated);
            assertFalse(Python.compiles(mutated), mutated);
        }
    }

    @Test
    void renamingKeepsOtherNames() {
        String renamed = PythonMutations.renamed("def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
                + "fibonacci = 1\n", "fib", "sum_range");
        assertEquals("def sum_range(n):\n    return n if n < 2 else sum_range(n - 1) + sum_range(n - 2)\n"
                + "fibonacci = 1\n", renamed);
    }
}
