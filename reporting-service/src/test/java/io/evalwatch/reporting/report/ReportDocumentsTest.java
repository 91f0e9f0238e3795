package io.evalwatch.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.evalwatch.reporting.composite.CompositeScore;
import io.evalwatch.reporting.composite.CompositeWeights;
import io.evalwatch.reporting.drift.Comparison;
import io.evalwatch.reporting.drift.Finding;
import io.evalwatch.reporting.frontier.Frontier;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.RegressionReport.ModelRegression;
import io.evalwatch.reporting.report.RegressionReport.TaskChange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The run and regression reports rendered from fixtures, read back as a Markdown reader (commonmark-java with GFM
 * tables) and a browser (jsoup) would: every section, each chart with its axis titles, units and legend, the
 * frontier as of the run, and a hostile model name and model output that must neither break the Markdown (a ```
 * inside a fenced output, a | inside a table cell) nor inject HTML.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_reporting_test"))
class ReportDocumentsTest {

    static final String MODEL = "sim|<b>bold</b>*x*";
    static final String BEFORE = "def f():\n    return 1\n";
    static final String AFTER = "Here it is:\n```python\ndef f():\n    return 2\n```\n```` and four\n"
            + "</pre><script>alert(1)</script>\n| a | b |\n# not a heading";
    static final Instant AS_OF = Instant.parse("2026-05-01T10:00:00Z");

    @Inject
    ReportDocuments documents;

    static RunReport run() {
        List<ItemResult> items = RunReportBuilderTest.measured();
        items.forEach(i -> i.model = MODEL);
        RunRecord run = new RunRecord();
        run.runId = "run-1";
        run.suite = "starter";
        run.suiteVersion = "1.0.0";
        run.status = "completed";
        run.completedAt = AS_OF;
        return RunReportBuilder.build(run, items, CompositeWeights.DEFAULTS, null);
    }

    static List<Frontier.Placed> frontier() {
        CompositeScore score = run().models().get(0).composite();
        return Frontier.place(List.of(new Frontier.Point(MODEL, "run-1", score, 0.5, 0.01, 4),
                new Frontier.Point("sim-beta", "run-0", 0.3, 0.25, 0.02, 4, null)));
    }

    static RegressionReport regression() {
        Map<String, long[]> mix = new LinkedHashMap<>();
        mix.put("none", new long[] {3, 1});
        mix.put("wrong_answer", new long[] {0, 2});
        Map<String, Double[]> latency = new LinkedHashMap<>();
        latency.put("ttft p50 (s)", new Double[] {0.2, 0.3});
        latency.put("cost (USD)", new Double[] {0.01, null});
        @SuppressWarnings("unchecked")
        List<String>[] fingerprints = new List[] {List.of("fp_1"), List.of("fp_2")};
        ModelRegression m = new ModelRegression(MODEL, "run-0", "regressed",
                List.of(new Comparison("all", "passRate", 0.75, 0.25, -0.5, -0.8, -0.2, 0.01, 0.02, true, "regressed",
                        null), new Comparison("lists", "passRate", 1.0, 0.5, -0.5, -0.9, 0.1, 0.2, 0.3, false,
                        "no_change", "few pairs")),
                List.of(new Finding("RegressionDetected", "all", "critical", "pass rate fell | by *50* pp", Map.of())),
                List.of(new TaskChange("x<y>", "lists", 1, 1, 0, 1, BEFORE, AFTER, "wrong_answer")), mix, latency,
                Map.of("systemFingerprint", fingerprints), "base", Map.of("streamId", "s-1", "origin", "series:main"),
                null, List.of());
        ModelRegression other = new ModelRegression("sim-beta", null, "no_baseline", List.of(), List.of(), List.of(),
                Map.of(), Map.of(), Map.of(), "base", Map.of(), null, List.of());
        return new RegressionReport("run-1", "starter", "1.0.0", "series", AS_OF, List.of(m, other));
    }

    @Test
    void theRunReportInHtmlHasEverySectionChartsWithAxesUnitsAndLegendsAndTheFrontierAsOfTheRun() {
        Document html = Jsoup.parse(documents.run(run(), frontier(), AS_OF, ReportFormat.html, null));

        assertEquals(List.of("Per model", "Distributions", "Per kind", "Per failure category", "Per task category",
                "Per tag", "Per model in detail", "Cost-quality frontier as of this run"), html.select("h2").eachText());
        assertEquals(MODEL + ": this run", html.selectFirst("h3").text());
        assertEquals(3, html.select("svg").size(), "score distribution, latency, frontier");
        assertEquals(List.of("weighted score per item (−1 … 1)", "items (count)", "percentile over items",
                "latency (s)", "cost per completed task (USD)", "composite score (0 … 1)"),
                html.select("svg text.axis-title").eachText());
        Element frontier = html.select("svg").get(2);
        assertEquals(List.of("on the frontier (Pareto)", "behind the frontier"),
                frontier.select("g.legend text").eachText());
        assertFalse(frontier.select("text.tick").isEmpty(), "axis values");
        assertEquals(List.of(MODEL), html.select("svg").get(0).select("g.legend text").eachText(),
                "one legend entry per model, its name as text");
        assertTrue(html.select("script, b").isEmpty(), "the model's name is text, not markup");
        assertTrue(html.text().contains("completed at or before 2026-05-01 10:00:00 UTC"), html.text());
        assertTrue(html.text().contains("Composite 0.5370 (no data for human-accept-rate"), html.text());
        Element frontierTable = html.select("table").last();
        assertEquals("behind " + MODEL, frontierTable.select("tr").get(2).select("td").get(6).text());
    }

    @Test
    void theRunReportInMarkdownHasEverySectionEachFigureAsATableAndKeepsEveryTableWhole() {
        String md = documents.run(run(), frontier(), AS_OF, ReportFormat.markdown, null);
        Node doc = markdown(md);

        List<String> h2 = headings(doc, 2);
        assertEquals(List.of("Per model", "Distributions", "Per kind", "Per failure category", "Per task category",
                "Per tag", "Per model in detail", "Cost-quality frontier as of this run"), h2, md);
        assertEquals(List.of(MODEL + ": this run"), headings(doc, 3));
        assertNoHtml(doc, md);
        assertTablesWhole(doc, md);
        assertTrue(tableCells(doc).contains(MODEL), "the name arrives whole in its cell");
        assertTrue(tableCells(doc).contains("TTFT p95 (s)"), "figure tables carry units in their header");
        assertTrue(tableCells(doc).contains("cost per completed task (USD)"));
        assertTrue(tableCells(doc).contains("behind " + MODEL));
        assertTrue(md.contains("completed at or before 2026-05-01 10:00:00 UTC"));
        assertTrue(images(doc).isEmpty(), "without chart files, tables alone");

        List<String> linked = images(markdown(documents.run(run(), frontier(), AS_OF, ReportFormat.markdown,
                "report-")));
        assertEquals(List.of("report-score-distribution.svg", "report-latency.svg", "report-frontier.svg"), linked);
    }

    /**
     * A run of every probe for the hostile model: 20 tasks whose originals all pass and whose twins pass 6 (flagged),
     * 4 tasks repeated 5 times that pass 3 of 5 in different words, and needles at 2k found 28 of 30 at the ends and
     * 9 of 30 in the middle (a dip), at 4k 28 of 30 everywhere.
     */
    static RunReport probeRun() {
        List<ItemResult> items = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            items.add(probeItem("t" + t, 0, "base", true, "def f(): return " + t));
            items.add(probeItem("t" + t, 0, "twin", t < 6, "def g(): return " + t));
        }
        for (int t = 0; t < 4; t++) {
            for (int r = 0; r < 5; r++) {
                items.add(probeItem("r" + t, r, "repeat", r < 3, "def h():\n    return " + r));
            }
        }
        Map<Integer, Integer> twoK = Map.of(10, 28, 30, 22, 50, 9, 70, 23, 90, 28);
        for (int size : List.of(2000, 4000)) {
            for (int position : List.of(10, 30, 50, 70, 90)) {
                int found = size == 2000 ? twoK.get(position) : 28;
                for (int n = 0; n < 30; n++) {
                    items.add(probeItem("needle-f" + n, 0,
                            new io.evalwatch.events.probe.LongContext.Cell(size, position).variant(), n < found,
                            "lib.py: f" + n));
                }
            }
        }
        RunRecord run = new RunRecord();
        run.runId = "run-probes";
        run.suite = "starter";
        run.suiteVersion = "1.0.0";
        run.status = "completed";
        run.completedAt = AS_OF;
        return RunReportBuilder.build(run, items, CompositeWeights.DEFAULTS, null);
    }

    private static ItemResult probeItem(String task, int sample, String variant, boolean passed, String output) {
        ItemResult i = RunReportBuilderTest.item(MODEL, task, "lists", sample, passed,
                passed ? "none" : "wrong_answer", 0.2, 0.001);
        i.itemId = "run-probes/" + task + "/m/" + sample + "/" + variant;
        i.variant = variant;
        i.output = output;
        return i;
    }

    @Test
    void theProbesHaveSectionsAndTheLongContextCurveIsAChartWithALinePerSizeInHtml() {
        Document html = Jsoup.parse(documents.run(probeRun(), List.of(), AS_OF, ReportFormat.html, null));

        List<String> h2 = html.select("h2").eachText();
        assertEquals(List.of("Prompt variants", "Contamination probe", "Consistency probe", "Long-context probe",
                "Per model in detail"), h2.subList(h2.indexOf("Prompt variants"), h2.indexOf("Per model in detail")
                + 1), html.text());
        Element contamination = html.selectFirst("table.contamination");
        assertEquals(List.of(MODEL, "20", "20", "100.0 %", "30.0 %", "+70.0 pp"),
                contamination.select("tr").get(1).select("td").eachText().subList(0, 6));
        assertEquals("memorised?", contamination.selectFirst("td.flag").text());
        assertTrue(html.select("li").eachText().stream().anyMatch(li -> li.contains("it may have memorised this"
                + " suite")), html.text());
        Element consistency = html.selectFirst("table.consistency");
        // 3 of 5 repeats pass in each task: pass variance 0.3, weighted score (+1 / -1) variance 1.2
        assertEquals(List.of(MODEL, "4", "5", "1.200", "0.300", "5.000", "0", "60.0 %", "100.0 %"),
                consistency.select("tr").get(1).select("td").eachText());
        assertTrue(html.text().contains("the same prompt scored differently between repeats"), html.text());

        Element curve = html.select("svg").stream().filter(svg -> svg.selectFirst("title").text()
                .equals("Needles found by position: " + MODEL)).findFirst().orElseThrow(() -> new AssertionError(
                "no long-context chart: " + html.select("svg title").eachText()));
        assertEquals(List.of("needle position (% of the context)", "needles found (%)"),
                curve.select("text.axis-title").eachText());
        assertEquals(List.of("2k tokens", "4k tokens", "95 % interval (Wilson)"),
                curve.select("g.legend text").eachText(), "a line per size, the pooled curve left out");
        assertEquals(2, curve.select("path.line").size());
        assertEquals(2, curve.select("polygon.band").size());
        assertTrue(curve.select("text.tick").eachText().containsAll(List.of("10 %", "50 %", "90 %", "0 %", "100 %")));
        assertTrue(curve.select("circle title").eachText().contains(
                "2k tokens at 50 %: 9 of 30 found (30 %, 95 % CI 17–48 %)"), curve.select("circle title").eachText()
                .toString());
        List<List<String>> dips = html.select("table.long-context tr").stream().skip(1)
                .map(tr -> tr.select("td").eachText()).toList();
        assertEquals(List.of("2k", "4k", "all"), dips.stream().map(r -> r.get(1)).toList());
        assertEquals(List.of("yes", "no"), List.of(dips.get(0).get(6), dips.get(1).get(6)));
        assertTrue(html.text().contains(MODEL + " loses what sits in the middle of a 2k-token context"),
                html.text());
        assertTrue(html.select("script, b").isEmpty(), "the model's name is text, not markup");
        assertTrue(documents.runFigure(probeRun(), List.of(), ReportFigures.longContextName(MODEL)).isPresent());
    }

    @Test
    void theProbesHaveSectionsInMarkdownAndTheCurveIsAFigureWithItsTable() {
        String md = documents.run(probeRun(), List.of(), AS_OF, ReportFormat.markdown, "report-");
        Node doc = markdown(md);

        List<String> h2 = headings(doc, 2);
        assertTrue(h2.containsAll(List.of("Contamination probe", "Consistency probe", "Long-context probe")), md);
        assertEquals(h2.indexOf("Consistency probe") + 1, h2.indexOf("Long-context probe"));
        assertNoHtml(doc, md);
        assertTablesWhole(doc, md);
        assertEquals(List.of("report-score-distribution.svg", "report-latency.svg",
                "report-long-context-sim--b-bold--b--x-.svg"), images(doc));
        List<String> cells = tableCells(doc);
        assertTrue(cells.containsAll(List.of("needle position (% of the context)", "found (%)", "memorised?",
                "weighted-score variance", "Fisher p (one-sided)")), md);
        List<TableRow> rows = new ArrayList<>();
        collect(doc, TableRow.class, rows);
        List<String> rowTexts = rows.stream().map(ReportDocumentsTest::textOf).toList();
        assertTrue(rowTexts.contains("2k | 50 % | 30 | 9 | 30.0 % | 16.7 % – 47.9 %"), "the curve's points as rows: "
                + rowTexts);
        assertTrue(md.contains("may have memorised this suite"), md);
        assertTrue(md.contains("loses what sits in the middle of a 2k-token context"), md);
    }

    @Test
    void theRegressionReportInMarkdownFencesAnOutputHoldingFencesAndStaysOneDocument() {
        String md = documents.regression(regression(), run(), frontier(), AS_OF, ReportFormat.markdown, null);
        Node doc = markdown(md);

        List<String> code = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                code.add(block.getLiteral());
            }
        });
        assertEquals(List.of(BEFORE, AFTER + "\n"), code, "each output verbatim in one block: " + md);
        assertEquals(List.of(MODEL + ": regressed", "sim-beta: no baseline", "Cost-quality frontier as of this run"),
                headings(doc, 2), "nothing after the hostile output was swallowed");
        assertTrue(headings(doc, 3).containsAll(List.of(MODEL + ": this run", "Findings", "Scores against the reference",
                "Tasks that got worse", "Failure mix (reference → this run, items)",
                "Latency and cost (reference → this run)", "What changed since the reference")), md);
        assertNoHtml(doc, md);
        assertTablesWhole(doc, md);
        assertTrue(tableCells(doc).containsAll(List.of("reference run pass rate (%)", "75.0 %", "-50.0 pp")), md);
        assertTrue(md.contains("- **RegressionDetected** (all, critical): pass rate fell \\| by \\*50\\* pp"), md);
        assertTrue(md.contains("- systemFingerprint: `fp_1` → `fp_2`"), "identifiers as recorded, copyable: " + md);
        assertTrue(md.contains("Nothing to compare with"), md);

        assertEquals(List.of("charts/pass-rate-sim--b-bold--b--x-.svg", "charts/frontier.svg"), images(markdown(
                documents.regression(regression(), run(), frontier(), AS_OF, ReportFormat.markdown, "charts/"))));
    }

    @Test
    void theRegressionReportInHtmlEscapesOutputsAndDrawsThePassRatesWithLegendAndAxes() {
        Document html = Jsoup.parse(documents.regression(regression(), run(), frontier(), AS_OF, ReportFormat.html,
                null));

        assertTrue(html.select("script, b").isEmpty(), "an output's markup is text");
        assertEquals(BEFORE, html.select("pre").get(0).wholeText());
        assertEquals(AFTER, html.select("pre").get(1).wholeText());
        assertEquals("REGRESSION", html.selectFirst("p.regressed").text());
        Element passRates = html.select("svg").first();
        assertEquals(List.of("reference run", "this run"), passRates.select("g.legend text").eachText());
        assertEquals(List.of("scope (all items, or a task category)", "pass rate (%)"),
                passRates.select("text.axis-title").eachText());
        assertTrue(passRates.select("text.tick").eachText().containsAll(List.of("0 %", "100 %", "all", "lists")));
        assertEquals(2, html.select("svg").size(), "the pass rates and the frontier");
        assertTrue(html.text().contains("Composite 0.5370"), "the model's run sections");
        assertTrue(html.select("td > code").eachText().containsAll(List.of("fp_1", "fp_2")), "what changed");
    }

    @Test
    void aFigureIsAnSvgFileOfItsOwn() {
        String svg = documents.runFigure(run(), frontier(), ReportFigures.FRONTIER).orElseThrow();
        Document xml = Jsoup.parse(svg, "", org.jsoup.parser.Parser.xmlParser());

        assertTrue(svg.startsWith("<?xml"), svg);
        assertEquals("svg", xml.child(0).tagName());
        assertTrue(xml.select("b").isEmpty(), "the model's name is escaped");
        assertTrue(xml.select("text.dot-label").eachText().contains(MODEL));
        assertTrue(documents.runFigure(run(), frontier(), "no-such-figure").isEmpty());
        assertTrue(documents.regressionFigure(regression(), List.of(), "pass-rate-sim--b-bold--b--x-").isPresent());
    }

    static Node markdown(String text) {
        return org.commonmark.parser.Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(text);
    }

    static List<String> headings(Node doc, int level) {
        List<String> found = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (heading.getLevel() == level) {
                    found.add(textOf(heading));
                }
            }
        });
        return found;
    }

    static List<String> images(Node doc) {
        List<String> found = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                found.add(image.getDestination());
            }
        });
        return found;
    }

    static void assertNoHtml(Node doc, String md) {
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline html) {
                throw new AssertionError("raw HTML " + html.getLiteral() + " in " + md);
            }

            @Override
            public void visit(HtmlBlock html) {
                throw new AssertionError("raw HTML " + html.getLiteral() + " in " + md);
            }
        });
    }

    /** Every row of every table has as many cells as its header: no | in a value split a cell. */
    static void assertTablesWhole(Node doc, String md) {
        List<TableBlock> tables = new ArrayList<>();
        collect(doc, TableBlock.class, tables);
        assertFalse(tables.isEmpty(), md);
        for (TableBlock table : tables) {
            List<TableRow> rows = new ArrayList<>();
            collect(table, TableRow.class, rows);
            int columns = count(rows.get(0));
            assertTrue(table.getFirstChild() instanceof TableHead);
            for (TableRow row : rows) {
                assertEquals(columns, count(row), "a row of " + columns + " cells: " + textOf(row) + "\n" + md);
            }
        }
    }

    static List<String> tableCells(Node doc) {
        List<TableCell> cells = new ArrayList<>();
        collect(doc, TableCell.class, cells);
        return cells.stream().map(ReportDocumentsTest::textOf).toList();
    }

    private static int count(TableRow row) {
        int n = 0;
        for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
            n++;
        }
        return n;
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> into) {
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            if (type.isInstance(c)) {
                into.add(type.cast(c));
            }
            collect(c, type, into);
        }
    }

    /** The text a reader sees: escapes resolved, emphasis dropped. */
    static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(CustomBlock block) {
                visitChildren(block);
            }

            @Override
            public void visit(CustomNode n) {
                if (n instanceof TableCell && text.length() > 0) {
                    text.append(" | ");
                }
                visitChildren(n);
            }
        });
        return text.toString();
    }
}
