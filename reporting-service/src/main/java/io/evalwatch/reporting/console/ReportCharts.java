package io.evalwatch.reporting.console;

import io.evalwatch.reporting.console.chart.BarChart;
import io.evalwatch.reporting.console.chart.Chart;
import io.evalwatch.reporting.console.chart.LineChart;
import io.evalwatch.reporting.console.chart.ScatterChart;
import io.evalwatch.reporting.console.chart.TimeChart;
import io.evalwatch.reporting.frontier.Frontier;
import io.evalwatch.reporting.report.LongContextSections;
import io.evalwatch.reporting.report.RunReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The console's charts, each drawn from the figures of a report the JSON API serves too. Pure. */
public final class ReportCharts {

    private ReportCharts() {
    }

    /** Items per weighted-score bin (the run report's weightedAccuracyDistribution.histogram), one bar per model. */
    public static Chart scoreDistribution(RunReport report) {
        Set<String> bins = new LinkedHashSet<>();
        report.models().forEach(m -> bins.addAll(m.weightedAccuracyDistribution().histogram().keySet()));
        List<String> categories = List.copyOf(bins);
        List<BarChart.Values> series = report.models().stream()
                .map(m -> new BarChart.Values(m.model(), categories.stream()
                        .map(b -> {
                            Long n = m.weightedAccuracyDistribution().histogram().get(b);
                            return n == null ? 0.0 : n.doubleValue();
                        }).toList()))
                .toList();
        return BarChart.grouped("Weighted score distribution", "weighted score per item (−1 … 1)", categories,
                series, "items (count)", v -> v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
    }

    /** Latency percentiles per model: time to first token and the whole answer, in seconds. */
    public static Chart latency(RunReport report) {
        List<String> categories = List.of("TTFT p50", "TTFT p95", "TTFT p99", "total p50", "total p95", "total p99");
        List<BarChart.Values> series = new ArrayList<>();
        for (RunReport.ModelReport m : report.models()) {
            RunReport.Latency l = m.latency();
            series.add(new BarChart.Values(m.model(), java.util.Arrays.asList(l.ttftP50(), l.ttftP95(), l.ttftP99(),
                    l.durationP50(), l.durationP95(), l.durationP99())));
        }
        return BarChart.grouped("Latency percentiles", "percentile over items", categories, series,
                "latency (s)", v -> String.format(java.util.Locale.ROOT, "%.2f", v));
    }

    /**
     * The long-context probe's curve of one model: the share of needles found by their position in the context, one
     * line per context size with its 95 % Wilson interval. The pooled "all sizes" curve is left out when there are
     * single sizes to draw: it would only repeat them.
     */
    public static Chart longContext(LongContextSections.ModelCurves model) {
        List<LongContextSections.SizeCurve> sizes = drawnSizes(model);
        List<LineChart.Line> lines = sizes.stream().map(s -> new LineChart.Line(sizeName(s), s.positions().stream()
                .map(p -> new LineChart.Point(p.position(), p.accuracy(), p.low(), p.high(), String.format(
                        java.util.Locale.ROOT, "%s at %d %%: %d of %d found (%.0f %%, 95 %% CI %.0f–%.0f %%)",
                        sizeName(s), p.position(), p.found(), p.items(), p.accuracy() * 100, p.low() * 100,
                        p.high() * 100)))
                .toList())).toList();
        List<Double> positions = sizes.stream().flatMap(s -> s.positions().stream())
                .map(p -> (double) p.position()).distinct().sorted().toList();
        return LineChart.of("Needles found by position: " + model.model(), "needle position (% of the context)", 0,
                100, positions, v -> String.format(java.util.Locale.ROOT, "%.0f %%", v), lines,
                "95 % interval (Wilson)", "needles found (%)",
                v -> String.format(java.util.Locale.ROOT, "%.0f %%", v * 100));
    }

    /** The sizes a long-context chart draws (and its figure's table lists). */
    public static List<LongContextSections.SizeCurve> drawnSizes(LongContextSections.ModelCurves model) {
        List<LongContextSections.SizeCurve> single = model.sizes().stream()
                .filter(s -> !LongContextSections.ALL_SIZES.equals(s.size())).toList();
        return single.isEmpty() ? model.sizes() : single;
    }

    /** How a curve is named: "2k tokens", or "all sizes". */
    public static String sizeName(LongContextSections.SizeCurve size) {
        return LongContextSections.ALL_SIZES.equals(size.size()) ? "all sizes" : size.size() + " tokens";
    }

    /** A model's pass rate per scope, its reference run's beside this run's, from 0 to 100 %. */
    public static Chart passRatesAgainstReference(String model, List<String> scopes, List<Double> reference,
            List<Double> now) {
        return BarChart.grouped("Pass rate of " + model + " against its reference", "scope (all items, or a task"
                + " category)", scopes, List.of(new BarChart.Values("reference run", reference),
                new BarChart.Values("this run", now)), "pass rate (%)",
                v -> String.format(java.util.Locale.ROOT, "%.0f %%", v * 100));
    }

    /** The frontier: composite score against cost per completed task, Pareto set apart. */
    public static Chart frontier(String suite, List<Frontier.Placed> placed) {
        List<ScatterChart.Point> points = placed.stream().filter(p -> p.costPerCompletedTask() != null)
                .map(p -> new ScatterChart.Point(p.model(), p.costPerCompletedTask(), p.composite(), p.pareto()))
                .toList();
        return ScatterChart.of("Cost-quality frontier of " + suite, points, "on the frontier (Pareto)",
                "behind the frontier", "cost per completed task (USD)", ConsoleFormats::usd,
                "composite score (0 … 1)", v -> String.format(java.util.Locale.ROOT, "%.2f", v));
    }

    /** A stream's pass rate run after run, with the interval of each run's difference from its reference. */
    public static Chart streamHistory(String streamId, List<TimeChart.Point> points, List<TimeChart.Event> events) {
        return TimeChart.of("Pass rate of " + streamId, "pass rate (pass@1)",
                "interval of the difference from the reference", points, events, "pass rate (%)",
                v -> String.format(java.util.Locale.ROOT, "%.0f %%", v * 100));
    }
}
