package io.evalwatch.suite.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.work.CodeHole;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinsTest {

    private static TaskSpec completion(String id, String prompt, String body, String entryPoint, String test) {
        return new TaskSpec(id, "test", TaskKind.COMPLETION, "python", prompt, entryPoint,
                List.of(new TestCase("check", test, false)), 10, List.of("t"), null, null, prompt + body);
    }

    private static TaskSpec generation(String id, String prompt, String reference, String entryPoint,
            String... tests) {
        return new TaskSpec(id, "test", TaskKind.GENERATION, "python", prompt, entryPoint,
                Arrays.stream(tests).map(t -> new TestCase("t", t, false)).toList(), 10, List.of(), null, null,
                reference);
    }

    private static Twin twin(TaskSpec task) {
        return Twins.of(task).orElseThrow(() -> new AssertionError(Twins.whyNot(task).orElse("?")));
    }

    private static final String PROMPT = """
            from typing import List


            def count_above(values: List[int], limit: int = 0) -> int:
                \"\"\" Given a list of numbers, return how many are above limit.
                >>> count_above([1, 5, 7], 4)
                2
                >>> count_above([], 1)
                0
                >>> count_above([3], 0)
                1
                \"\"\"
            """;

    private static final String BODY = """
                total = 0
                for value in values:
                    if value > limit:
                        total += 1
                print(f"{total} above {limit!r:>5}", "values")
                return len([v for v in values if v > limit])
            """;

    private static final String CHECK = """
            def check(candidate):
                assert candidate([1, 2, 3], 1) == 2
                assert count_above([0], limit=-1) == 1


            check(count_above)
            """;

    @Test
    void renamesTheFunctionAndItsParametersEverywhere() {
        Twin twin = twin(completion("count-above", PROMPT, BODY, "count_above", CHECK));
        Map<String, String> renames = twin.renames();
        String function = renames.get("count_above");
        String values = renames.get("values");
        String limit = renames.get("limit");
        assertEquals(3, renames.size(), renames.toString());
        TaskSpec spec = twin.spec();
        assertEquals(function, spec.entryPoint());
        assertEquals("count-above-twin", spec.id());
        assertTrue(spec.prompt().contains("def " + function + "(" + values + ": List[int], " + limit
                + ": int = 0) -> int:"), spec.prompt());
        // the reference is the twin prompt followed by the renamed body, as HumanEval's is
        assertTrue(spec.reference().startsWith(spec.prompt()), spec.reference());
        String test = spec.tests().get(0).code();
        assertTrue(test.contains("check(" + function + ")"), test);
        assertTrue(test.contains("assert " + function + "([0], " + limit + "=-1) == 1"), test);
        assertTrue(test.contains("def check(candidate):"), "the test's own names are kept: " + test);
        assertFalse(spec.prompt().contains("count_above") || spec.reference().contains("count_above")
                || test.contains("count_above"));
    }

    @Test
    void leavesBuiltinsKeywordsImportsAttributesAndStringsAlone() {
        Twin twin = twin(completion("count-above", PROMPT, BODY, "count_above", CHECK));
        String reference = twin.spec().reference();
        String values = twin.renames().get("values");
        String limit = twin.renames().get("limit");
        assertTrue(reference.contains("from typing import List"), reference);
        assertTrue(reference.contains("return len([v for v in " + values + " if v > " + limit + "])"), reference);
        assertTrue(reference.contains("total += 1"), "a local the rename does not need stays: " + reference);
        // a string literal keeps its text, an f-string's fields follow the rename, its literal text does not
        assertTrue(reference.contains("print(f\"{total} above {" + limit + "!r:>5}\", \"values\")"), reference);

        String code = "import math\n\ndef area(radius, key):\n    items = sorted([radius], key=abs)\n"
                + "    items.append(math.pi)\n    return math.pi * radius ** 2\n";
        Twin geometric = twin(generation("area", "Compute the area of a circle.\nassert area(1, 0) > 3\n", code,
                "area", "assert area(2, None) > 12\n"));
        assertEquals(java.util.Set.of("area", "radius"), geometric.renames().keySet(),
                "key is a keyword argument of sorted, so it keeps its name everywhere");
        String renamed = geometric.spec().reference();
        assertTrue(renamed.contains("sorted([" + geometric.renames().get("radius") + "], key=abs)"), renamed);
        assertTrue(renamed.contains("items.append(math.pi)"), renamed);
        assertTrue(renamed.contains("import math"), renamed);
    }

    @Test
    void nameReachedAsAnAttributeIsNotRenamed() {
        String code = "class Box:\n    def __init__(self, size):\n        self.size = size\n\n"
                + "def volume(box):\n    return box.size ** 3\n";
        Twin twin = twin(generation("box", "Write a function volume.\n", code, "volume",
                "assert volume(Box(2)) == 8\n"));
        assertFalse(twin.renames().containsKey("size"), twin.renames().toString());
        assertFalse(twin.renames().containsKey("__init__"));
        assertFalse(twin.renames().containsKey("self"));
        assertTrue(twin.spec().reference().contains("self.size = size"), twin.spec().reference());
    }

    @Test
    void nestedFunctionsRecursionDefaultsAndTypeHintsFollowTheRename() {
        String code = """
                def fib(n: int, memo: dict | None = None) -> int:
                    memo = {} if memo is None else memo
                    def step(k: int) -> int:
                        return fib(k, memo)
                    if n < 2:
                        return n
                    if n not in memo:
                        memo[n] = step(n - 1) + step(n - 2)
                    return memo[n]
                """;
        Twin twin = twin(generation("fib", "Return the n-th Fibonacci number.\n", code, "fib",
                "assert fib(10) == 55\n", "assert fib(n=20, memo={}) == 6765\n"));
        Map<String, String> r = twin.renames();
        assertEquals(java.util.Set.of("fib", "step", "n", "memo", "k"), r.keySet());
        String ref = twin.spec().reference();
        assertTrue(ref.contains("def " + r.get("fib") + "(" + r.get("n") + ": int, " + r.get("memo")
                + ": dict | None = None) -> int:"), ref);
        assertTrue(ref.contains("def " + r.get("step") + "(" + r.get("k") + ": int) -> int:"), ref);
        assertTrue(ref.contains("return " + r.get("fib") + "(" + r.get("k") + ", " + r.get("memo") + ")"), ref);
        assertEquals("assert " + r.get("fib") + "(" + r.get("n") + "=20, " + r.get("memo") + "={}) == 6765\n",
                twin.spec().tests().get(1).code());
        // prose: the phrase table, and the single-letter parameter read as the name it is
        assertEquals("Give back the " + r.get("n") + "-th Fibonacci number.\n", twin.spec().prompt());
    }

    @Test
    void newNamesNeverCollideWithNamesTheTaskUses() {
        // every function name the word lists can make for this task is taken but one
        Twin first = twin(generation("collide", "Write f.\n", "def f(a):\n    return a\n", "f",
                "assert f(1) == 1\n"));
        String chosen = first.renames().get("f");
        Twin second = twin(generation("collide", "Write f.\n", "def f(a):\n    return a\n", "f",
                "assert f(1) == 1\n" + chosen + " = 3\n"));
        assertNotEquals(chosen, second.renames().get("f"), "a name the tests use is never chosen");
    }

    @Test
    void sameTaskSameTwinOtherTasksOtherNames() {
        TaskSpec task = completion("count-above", PROMPT, BODY, "count_above", CHECK);
        assertEquals(twin(task), twin(task));
        assertEquals(twin(task).spec(), twin(task).spec());
        TaskSpec other = completion("count-above-2", PROMPT, BODY, "count_above", CHECK);
        assertNotEquals(twin(task).renames(), twin(other).renames());
        assertNotEquals(task.prompt(), twin(task).spec().prompt());
    }

    @Test
    void doctestExamplesAreReorderedIntactAndProseIsReworded() {
        Twin twin = twin(completion("count-above", PROMPT, BODY, "count_above", CHECK));
        String f = twin.renames().get("count_above");
        String prompt = twin.spec().prompt();
        List<String> examples = List.of(
                "    >>> " + f + "([1, 5, 7], 4)\n    2\n",
                "    >>> " + f + "([], 1)\n    0\n",
                "    >>> " + f + "([3], 0)\n    1\n");
        for (String example : examples) {
            assertTrue(prompt.contains(example), "each example keeps its output: " + prompt);
        }
        int first = prompt.indexOf(examples.get(0));
        assertTrue(prompt.indexOf(examples.get(1)) < first || prompt.indexOf(examples.get(2)) < first,
                "the examples are in another order: " + prompt);
        assertTrue(prompt.contains("\"\"\" For a sequence of numbers, give back how many are above "), prompt);
    }

    @Test
    void examplesThatDependOnEachOtherKeepTheirOrder() {
        String prompt = "def push(stack, x):\n    \"\"\"Push x.\n    >>> s = []\n    >>> push(s, 1)\n"
                + "    >>> s\n    [1]\n    \"\"\"\n";
        Twin twin = twin(completion("push", prompt, "    stack.append(x)\n", "push", "assert True\n"));
        String f = twin.renames().get("push");
        assertTrue(twin.spec().prompt().contains(">>> s = []\n    >>> " + f + "(s, 1)\n    >>> s\n    [1]"),
                twin.spec().prompt());
    }

    @Test
    void codeInProseIsRenamedQuotedTextIsNot() {
        String prompt = "Write `clamp(value, low, high)` that returns value limited to [low, high].\n"
                + "Given \"clamp\" in quotes, each value is kept.\n\nExamples:\n    clamp(5, 0, 3) -> 3\n";
        Twin twin = twin(generation("clamp", prompt,
                "def clamp(value, low, high):\n    return max(low, min(value, high))\n", "clamp",
                "assert clamp(5, 0, 3) == 3\n"));
        Map<String, String> r = twin.renames();
        String expected = "Write `" + r.get("clamp") + "(" + r.get("value") + ", " + r.get("low") + ", "
                + r.get("high") + ")` that gives back value limited to [low, high].\n"
                + "For \"clamp\" in quotes, every value is kept.\n\nExamples:\n    " + r.get("clamp")
                + "(5, 0, 3) -> 3\n";
        assertEquals(expected, twin.spec().prompt());
    }

    @Test
    void tasksWithoutATwinSayWhy() {
        TaskSpec java = new TaskSpec("j", "c", TaskKind.GENERATION, "java", "Write max.", "max",
                List.of(new TestCase("t", "x", false)), 10, List.of());
        assertTrue(Twins.of(java).isEmpty());
        assertTrue(Twins.whyNot(java).orElseThrow().contains("only Python"));
        TaskSpec review = new TaskSpec("r", "c", TaskKind.REVIEW, "python", "Review this.", null, List.of(), 10,
                List.of());
        assertTrue(Twins.whyNot(review).orElseThrow().contains("review"));
        TaskSpec hole = new TaskSpec("h", "c", TaskKind.COMPLETION, "python", "Fill it.", "f",
                List.of(new TestCase("t", "assert f()", false)), 10, List.of(), null, null, "x = 1", List.of(),
                new CodeHole("main.py", "def f():\n", "\n"), List.of(), List.of(), 0);
        assertTrue(Twins.whyNot(hole).orElseThrow().contains("with a hole"));
        TaskSpec attribute = generation("attr", "Write f.", "def f():\n    return 1\n", "f",
                "import solution\nassert solution.f() == 1\n");
        assertTrue(Twins.whyNot(attribute).orElseThrow().contains("attribute"));
        assertTrue(Twins.whyNot(completion("count-above", PROMPT, BODY, "count_above", CHECK)).isEmpty());
    }
}
