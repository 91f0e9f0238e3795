package io.evalwatch.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One document, three layouts: Markdown and HTML from the Qute templates, a table for the terminal. */
class DocumentRendererTest {

    private static final Document DOC = Document.titled("Run b against run a")
            .line("Items paired by task.")
            .section("Pass rate per model", "model", "difference", "verdict")
            .row("sim|alpha", "-20.0 pp", "worse")
            .row("sim-beta", "+1.0 pp", "no difference")
            .note("A note with *stars*.")
            .section("Items that flipped (0)", "task", "A", "B")
            .empty("none")
            .build();

    @Test
    void markdownIsATableWithEveryValueEscaped() {
        String md = DocumentRenderer.markdown(DOC);
        assertTrue(md.startsWith("# Run b against run a\n\nItems paired by task.\n"), md);
        assertTrue(md.contains("## Pass rate per model\n\n| model | difference | verdict |\n| --- | --- | --- |\n"
                + "| sim\\|alpha | -20.0 pp | worse |\n| sim-beta | +1.0 pp | no difference |\n"), md);
        assertTrue(md.contains("A note with \\*stars\\*."), md);
        assertTrue(md.contains("## Items that flipped (0)\n\nnone\n"), md);
    }

    @Test
    void htmlEscapesValuesAndClassesVerdicts() {
        Document hostile = Document.titled("<script>x</script>").section(null, "a").row("<b>&</b>").build();
        String html = DocumentRenderer.html(hostile);
        assertTrue(html.contains("<title>&lt;script&gt;x&lt;/script&gt;</title>"), html);
        assertTrue(html.contains("<td>&lt;b&gt;&amp;&lt;/b&gt;</td>"), html);
        assertFalse(html.contains("<script>"), html);
        String verdicts = DocumentRenderer.html(DOC);
        assertTrue(verdicts.contains("<td class=\"bad\">worse</td>"), verdicts);
        assertTrue(verdicts.contains("<td>no difference</td>"), verdicts);
    }

    @Test
    void theTerminalTableIsColouredOnlyWhenAsked() {
        String plain = DocumentRenderer.table(DOC, false);
        assertTrue(plain.contains("sim|alpha") && plain.contains("worse"), plain);
        assertFalse(plain.contains("\u001b["), plain);
        String coloured = DocumentRenderer.table(DOC, true);
        assertTrue(coloured.contains("\u001b[31mworse\u001b[39m\u001b[0m") || coloured.contains("\u001b[31mworse"),
                coloured);
        assertFalse(coloured.contains("\u001b[31mno"), "'no difference' is not a verdict word: " + coloured);
        assertEquals(plain.replaceAll("\u001b\\[[0-9;]*m", ""), coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
    }
}
