package io.evalwatch.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void aFenceIsLongerThanAnyRunOfBackticksInItsContent() {
        assertEquals("```\nplain\n```", Markdown.fence("plain\n"));
        assertEquals("````\nsee:\n```python\nx = 1\n```\n````", Markdown.fence("see:\n```python\nx = 1\n```"));
        assertEquals("``````\na ````` b\n``````", Markdown.fence("a ````` b"));
        assertEquals("```\n\n```", Markdown.fence(null));
    }

    @Test
    void textKeepsTableColumnsAndShowsMarkupAsWritten() {
        assertEquals("a \\| b", Markdown.text("a | b"));
        assertEquals("\\<b\\>x\\</b\\> \\*y\\* \\_z\\_ \\[l\\](u) \\`c\\`",
                Markdown.text("<b>x</b> *y* _z_ [l](u) `c`"));
        assertEquals("two lines", Markdown.text("two\nlines"));
        assertEquals("\\$0.0100", Markdown.usd(0.01));
        assertEquals("–", Markdown.text(null));
    }

    @Test
    void identifiersAreCodeSpansThatShowThemVerbatim() {
        assertEquals("`fp_alpha_20250602`", Markdown.code(java.util.List.of("fp_alpha_20250602")));
        assertEquals("`a|b`, `c_d`", Markdown.code(java.util.List.of("a|b", "c_d")));
        assertEquals("``x`y``", Markdown.code("x`y"));
        assertEquals("`` `tick ``", Markdown.code("`tick"));
        assertEquals("–", Markdown.code(java.util.List.of()));
        assertEquals("–", Markdown.code(null));
    }
}
