package io.evalwatch.generator.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodeExtractorTest {

    @Test
    void aLoneFencedBlockIsFenced() {
        ExtractedCode c = CodeExtractor.extract("```python\ndef add(a, b):\n    return a + b\n```", "add");
        assertEquals(new ExtractedCode("def add(a, b):\n    return a + b", CodeFormat.FENCED), c);
    }

    @Test
    void proseAroundTheBlockIsFencedWithProse() {
        String output = """
                Here is a solution:

                ```python
                def add(a, b):
                    return a + b
                ```

                It adds the numbers.""";
        assertEquals(new ExtractedCode("def add(a, b):\n    return a + b", CodeFormat.FENCED_WITH_PROSE),
                CodeExtractor.extract(output, "add"));
    }

    @Test
    void prefersTheBlockThatDefinesTheEntryPointOverALargerOne() {
        String output = """
                First a helper module, larger than the answer:

                ```python
                import math

                def helper(values):
                    total = 0
                    for v in values:
                        total += math.sqrt(v)
                    return total
                ```

                ```python
                def running_max(values):
                    return values
                ```

                Usage:

                ```python
                print(running_max([1, 2]))
                ```
                """;
        ExtractedCode c = CodeExtractor.extract(output, "running_max");
        assertEquals("def running_max(values):\n    return values", c.code());
        assertEquals(CodeFormat.FENCED_WITH_PROSE, c.format());
    }

    @Test
    void withoutADefiningBlockTakesTheLargest() {
        String output = "```\nx = 1\n```\n```\ny = [1, 2, 3]\nz = sum(y)\n```";
        assertEquals(new ExtractedCode("y = [1, 2, 3]\nz = sum(y)", CodeFormat.FENCED), CodeExtractor.extract(output, "solve"));
    }

    @Test
    void amongDefiningBlocksTakesTheLargest() {
        String output = "```js\nfunction solve(a) { return a }\n```\n\n```js\nfunction solve(a) {\n  // revised\n  return a + 1;\n}\n```";
        assertEquals("function solve(a) {\n  // revised\n  return a + 1;\n}", CodeExtractor.extract(output, "solve").code());
    }

    @Test
    void rawCodeLosesALeadingLanguageTagLine() {
        assertEquals(new ExtractedCode("def add(a, b):\n    return a + b", CodeFormat.RAW),
                CodeExtractor.extract("python\ndef add(a, b):\n    return a + b\n", "add"));
    }

    @Test
    void rawCodeKeepsTheIndentationOfAFunctionBody() {
        assertEquals(new ExtractedCode("    return a + b", CodeFormat.RAW), CodeExtractor.extract("\n    return a + b\n", "add"));
    }

    @Test
    void aLanguageTagInsideAFenceIsDropped() {
        assertEquals("def add(a, b):\n    return a + b",
                CodeExtractor.extract("```\npython\ndef add(a, b):\n    return a + b\n```", "add").code());
    }

    @Test
    void anUnclosedFenceRunsToTheEnd() {
        assertEquals(new ExtractedCode("def add(a, b):\n    return a", CodeFormat.FENCED),
                CodeExtractor.extract("```python\ndef add(a, b):\n    return a", "add"));
    }

    @Test
    void tildeFencesAndLongerFencesWork() {
        assertEquals("def f():\n    s = '```'\n    return s",
                CodeExtractor.extract("````python\ndef f():\n    s = '```'\n    return s\n````", "f").code());
        assertEquals("def f(): pass", CodeExtractor.extract("~~~\ndef f(): pass\n~~~", "f").code());
    }

    @Test
    void proseWithoutCodeIsNone() {
        assertEquals(new ExtractedCode("", CodeFormat.NONE),
                CodeExtractor.extract("I'm sorry, but I can't help with that request.", "add"));
        assertEquals(new ExtractedCode("", CodeFormat.NONE), CodeExtractor.extract("  \n ", "add"));
        assertEquals(new ExtractedCode("", CodeFormat.NONE), CodeExtractor.extract(null, "add"));
    }

    @Test
    void recognisesDefinitionsAcrossLanguages() {
        assertTrue(CodeExtractor.defines("async def fetch_all(urls):", "fetch_all"));
        assertTrue(CodeExtractor.defines("export function solve(x) {", "solve"));
        assertTrue(CodeExtractor.defines("const solve = (x) => x;", "solve"));
        assertTrue(CodeExtractor.defines("func Solve(x int) int {", "Solve"));
        assertTrue(CodeExtractor.defines("fn solve(x: i32) -> i32 {", "solve"));
        assertTrue(CodeExtractor.defines("public static int solve(int[] a) {", "solve"));
        assertTrue(CodeExtractor.defines("solve = lambda x: x", "solve"));
        assertFalse(CodeExtractor.defines("print(solve(3))", "solve"));
        assertFalse(CodeExtractor.defines("if solve == 3:", "solve"));
        assertFalse(CodeExtractor.defines("def solver(x):", "solve"));
    }
}
