package io.evalwatch.sandbox.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TestCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The single-file layout: imports first, the harness class next (the launcher runs the first class), then code. */
class JavaSourceTest {

    @Test
    void importsMoveToTheTopAndTheHarnessComesFirst() {
        JavaSource source = JavaSource.of("import java.math.BigInteger;\npublic class Solution {\n"
                + "  static int add(int a, int b) { return a + b; }\n}\n", "add",
                List.of(new TestCase("t", "assert Solution.add(1, 2) == 3;", false)));
        String text = source.text();
        assertTrue(text.indexOf("import java.math.BigInteger;") < text.indexOf("class EvalwatchHarness"));
        assertTrue(text.indexOf("class EvalwatchHarness") < text.indexOf("public class Solution"));
        assertEquals("Solution", source.ownerClass());
        assertEquals("add", source.method());
        String[] lines = text.split("\n", -1);
        assertEquals("public class Solution {", lines[source.solutionFirstLine() - 1]);
        assertTrue(lines[source.testsFirstLine() - 1].contains("static void test0()"));
        assertTrue(source.inTests(source.testsFirstLine() + 1));
    }

    @Test
    void bareMethodsGetTheSolutionClass() {
        JavaSource source = JavaSource.of("static int add(int a, int b) { return a + b; }", "add", List.of());
        assertTrue(source.text().contains("class Solution {\nstatic int add"));
        assertEquals("Solution", source.ownerClass());
    }

    @Test
    void aQualifiedEntryPointNamesItsClass() {
        JavaSource source = JavaSource.of("class Maths { static int twice(int x) { return 2 * x; } }", "Maths.twice",
                List.of());
        assertEquals("Maths", source.ownerClass());
        assertEquals("twice", source.method());
    }

    @Test
    void theRuntimeFollowsTheSolutionUnlessItIsOnTheClassPath() {
        String code = "class Solution {\n  static int add(int a, int b) { return a + b; }\n}\n";
        List<TestCase> tests = List.of(new TestCase("t", "assert Solution.add(1, 2) == 3;", false));
        JavaSource alone = JavaSource.of(code, "add", tests);
        JavaSource precompiled = JavaSource.of(code, "add", tests, true);
        assertTrue(alone.text().indexOf("class Solution") < alone.text().indexOf("class " + JavaSource.RUNTIME_CLASS));
        assertFalse(precompiled.text().contains("class " + JavaSource.RUNTIME_CLASS));
        assertTrue(alone.text().startsWith(precompiled.text()));
        // no line a compile error can point at moves between the two
        assertEquals(alone.solutionFirstLine(), precompiled.solutionFirstLine());
        assertEquals(alone.testsFirstLine(), precompiled.testsFirstLine());
        assertEquals(alone.testsLastLine(), precompiled.testsLastLine());
    }
}
