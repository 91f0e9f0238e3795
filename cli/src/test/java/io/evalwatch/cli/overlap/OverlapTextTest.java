package io.evalwatch.cli.overlap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OverlapTextTest {

    @Test
    void commentsGoWhitespaceCollapsesCaseFolds() {
        assertEquals("def add(a, b): return a + b", OverlapText.normalise("""
                def Add(a, b):   # the sum
                    # nothing else
                    return a + b
                """));
    }

    @Test
    void docstringQuotesGoTheirTextStays() {
        assertEquals("def f(): return the answer. # not a comment return 42",
                OverlapText.normalise("def f():\n    \"\"\"Return the answer. # not a comment\"\"\"\n    return 42\n"));
        assertEquals("x = 1 doc", OverlapText.normalise("x = 1\n'''Doc'''"));
    }

    @Test
    void aHashInsideAStringIsNoComment() {
        assertEquals("s = \"a # b\" t = 'c # d' u",
                OverlapText.normalise("s = \"a # b\"  # gone\nt = 'c # d' # gone\nu"));
        assertEquals("s = \"esc \\\" # still\"", OverlapText.normalise("s = \"esc \\\" # still\""));
    }

    @Test
    void slashCommentsOnlyWhereTheyCannotBeFloorDivision() {
        assertEquals("half = n // 2 int x = 1; y", OverlapText.normalise("half = n // 2\n// a Java comment\n"
                + "int x = 1; /* inline\n block */ y"));
    }

    @Test
    void bothSidesAgreeOnCosmeticChanges() {
        String original = "def area(r):\n    return 3.14 * r * r\n";
        String copied = "DEF area(r):  # circle\n\treturn 3.14 * r * r   \n\n";
        assertEquals(OverlapText.normalise(original), OverlapText.normalise(copied));
        assertEquals("", OverlapText.normalise(null));
    }
}
