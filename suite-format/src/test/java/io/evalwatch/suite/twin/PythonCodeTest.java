package io.evalwatch.suite.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PythonCodeTest {

    private static final Map<String, String> RENAMES = Map.of("f", "g", "width", "cedar", "n", "maple");

    @Test
    void stringsCommentsAndAttributesKeepTheirTextFStringFieldsFollow() {
        String code = """
                def f(n, width):  # f pads n to width
                    label = 'f(n)' + "width" + '''n
                n''' + rb'n\\'' + r"width"
                    return f"{n:>{width}} {{n}} {n!r} {len(str(n))=}" + label.width + obj.f(n)
                """;
        String expected = """
                def g(maple, cedar):  # f pads n to width
                    label = 'f(n)' + "width" + '''n
                n''' + rb'n\\'' + r"width"
                    return f"{maple:>{cedar}} {{n}} {maple!r} {len(str(maple))=}" + label.width + obj.f(maple)
                """;
        assertEquals(expected, PythonCode.rename(code, RENAMES, null));
    }

    @Test
    void definitionsAreFunctionsAndParametersNotDefaultsOrAnnotations() {
        PythonCode.Definitions defined = PythonCode.definitions(
                "def f(a: Dict[str, int], *args, b=c * d, **kw) -> int:\n    def inner(x=lambda y: y): pass\n");
        assertEquals(Set.of("f", "inner"), defined.functions());
        assertEquals(Set.of("a", "args", "b", "kw", "x"), defined.parameters());
    }

    @Test
    void keywordArgumentsOfOtherFunctionsAndImportsAreUntouchable() {
        Set<String> kept = PythonCode.untouchable("""
                import numpy as np
                from math import (floor,
                    ceil)
                sorted(xs, key=len, reverse=True)
                f(n=1)
                def f(n=2): return n.bit_length()
                """, Set.of("f"));
        assertEquals(Set.of("numpy", "np", "math", "floor", "ceil", "key", "reverse", "bit_length"), kept);
    }

    @Test
    void unterminatedStringsAndProseNeverBreakTheText() {
        String prose = "it's f(n) and don't stop\n>>> f(n)\n";
        assertTrue(PythonCode.rename(prose, RENAMES, null).startsWith("it's f(n)"), "inside an open quote");
        assertEquals(">>> g(maple)\n", PythonCode.rename(">>> f(n)\n", RENAMES, null));
    }
}
