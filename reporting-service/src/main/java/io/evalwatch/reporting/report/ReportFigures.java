package io.evalwatch.reporting.report;

import io.evalwatch.reporting.console.ConsoleFormats;
import io.evalwatch.reporting.console.ReportCharts;
import io.evalwatch.reporting.console.chart.Chart;
import io.evalwatch.reporting.drift.Comparison;
import io.evalwatch.reporting.frontier.Frontier;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The figures of a report: each a chart (drawn as SVG in HTML, and served alone as an .svg file) with the same
 * figures as a table (what the Markdown shows). One place that decides which figures a report has. Pure.
 */
public final class ReportFigures {

    public static final String SCORE_DISTRIBUTION = "score-distribution";
    public static final String LATENCY = "latency";
    public static final String FRONTIER = "frontier";
    public static final String PASS_RATE = "pass-rate-";
    public static final String LONG_CONTEXT = "long-context-";

    private ReportFigures() {
    }

    /** A figure: name is its file name without .svg; the table's header carries the units. */
    @TemplateData
    public record Figure(String name, Chart chart, Table table) {
    }

    @TemplateData
    public record Table(List<String> header, List<List<String>> rows) {
    }

    /** The run report's figures: the weighted-score distribution and latency percentiles (none without models). */
    public static List<Figure> ofRun(RunReport report) {
        if (report.models().isEmpty()) {
            return List.of();
        }
        return List.of(new Figure(SCORE_DISTRIBUTION, ReportCharts.scoreDistribution(report), scoreTable(report)),
                new Figure(LATENCY, ReportCharts.latency(report), latencyTable(report)));
    }

    /** The file name of a model's pass-rate figure: the model's name with anything but [A-Za-z0-9._-] as '-'. */
    public static String passRateName(String model) {
        return PASS_RATE + fileSafe(model);
    }

    /** The file name of a model's long-context curve, named as {@link #passRateName}. */
    public static String longContextName(String model) {
        return LONG_CONTEXT + fileSafe(model);
    }

    /**
     * The long-context probe's curves, one figure per model that ran it: needles found by position, a line per
     * context size with its interval, and the same figures as a table. Empty without the probe.
     */
    public static List<Figure> longContext(RunReport report) {
        if (report.longContext() == null) {
            return List.of();
        }
        List<Figure> figures = new ArrayList<>();
        for (LongContextSections.ModelCurves m : report.longContext()) {
            List<List<String>> rows = new ArrayList<>();
            for (LongContextSections.SizeCurve s : ReportCharts.drawnSizes(m)) {
                for (LongContextSections.Point p : s.positions()) {
                    rows.add(List.of(s.size(), p.position() + " %", String.valueOf(p.items()),
                            String.valueOf(p.found()), ConsoleFormats.pct(p.accuracy()),
                            ConsoleFormats.pct(p.low()) + " – " + ConsoleFormats.pct(p.high())));
                }
            }
            figures.add(new Figure(longContextName(m.model()), ReportCharts.longContext(m), new Table(List.of(
                    "context size (tokens)", "needle position (% of the context)", "needles", "found",
                    "found (%)", "95 % interval (%)"), rows)));
        }
        return figures;
    }

    private static String fileSafe(String model) {
        return model.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** Pass rate per scope (all, each category), the reference run's beside this run's; empty without comparisons. */
    public static Optional<Figure> passRates(RegressionReport.ModelRegression m) {
        List<Comparison> rates = m.comparisons() == null ? List.of() : m.comparisons().stream()
                .filter(c -> "passRate".equals(c.metric())).toList();
        if (rates.isEmpty()) {
            return Optional.empty();
        }
        List<String> scopes = rates.stream().map(Comparison::scope).toList();
        Chart chart = ReportCharts.passRatesAgainstReference(m.model(), scopes,
                rates.stream().map(Comparison::baseline).toList(), rates.stream().map(Comparison::candidate).toList());
        List<List<String>> rows = rates.stream().map(c -> List.of(c.scope(), ConsoleFormats.pct(c.baseline()),
                ConsoleFormats.pct(c.candidate()), ConsoleFormats.pp(c.difference()), c.verdict())).toList();
        return Optional.of(new Figure(passRateName(m.model()), chart, new Table(
                List.of("scope", "reference run pass rate (%)", "this run pass rate (%)", "difference (pp)", "verdict"),
                rows)));
    }

    /** The frontier's chart and table; empty when no model has a point. */
    public static Optional<Figure> frontier(String suite, List<Frontier.Placed> frontier) {
        if (frontier.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> rows = frontier.stream().map(f -> List.of(f.model(), ConsoleFormats.shortId(f.runId()),
                ConsoleFormats.num(f.composite()), ConsoleFormats.pct(f.passRate()),
                ConsoleFormats.usd(f.costPerCompletedTask()), ConsoleFormats.num(f.compositePerDollar()),
                f.pareto() ? "on the frontier" : "behind " + f.dominatedBy(), ReportSentences.parts(f))).toList();
        return Optional.of(new Figure(FRONTIER, ReportCharts.frontier(suite, frontier), new Table(List.of("model",
                "run", "composite (0 … 1)", "pass rate (%)", "cost per completed task (USD)", "composite per USD",
                "place", "composite parts (value × weight)"), rows)));
    }

    private static Table scoreTable(RunReport report) {
        Set<String> bins = new LinkedHashSet<>();
        report.models().forEach(m -> bins.addAll(m.weightedAccuracyDistribution().histogram().keySet()));
        List<String> header = new ArrayList<>(List.of("model"));
        bins.forEach(b -> header.add("items at " + b));
        List<List<String>> rows = new ArrayList<>();
        for (RunReport.ModelReport m : report.models()) {
            List<String> row = new ArrayList<>(List.of(m.model()));
            bins.forEach(b -> row.add(String.valueOf(m.weightedAccuracyDistribution().histogram().getOrDefault(b, 0L))));
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static Table latencyTable(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (RunReport.ModelReport m : report.models()) {
            RunReport.Latency l = m.latency();
            rows.add(List.of(m.model(), seconds(l.ttftP50()), seconds(l.ttftP95()), seconds(l.ttftP99()),
                    seconds(l.durationP50()), seconds(l.durationP95()), seconds(l.durationP99())));
        }
        return new Table(List.of("model", "TTFT p50 (s)", "TTFT p95 (s)", "TTFT p99 (s)", "total p50 (s)",
                "total p95 (s)", "total p99 (s)"), rows);
    }

    private static String seconds(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }
}
