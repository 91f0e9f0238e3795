package io.evalwatch.reporting.report;

import io.evalwatch.reporting.composite.CompositeScore;
import io.evalwatch.reporting.drift.Comparison;
import io.evalwatch.reporting.frontier.Frontier;
import io.evalwatch.reporting.report.RunReport.CategoryReport;
import io.evalwatch.reporting.report.RunReport.MetricSummary;
import io.evalwatch.reporting.report.RunReport.ModelReport;
import io.quarkus.qute.TemplateExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sentences of a report that both its HTML and its Markdown template write the same way: the composite with its
 * missing parts, the weighted-score spread, retries and inter-token latency, the LLM judge, a model's stream context;
 * and the quality distributions as rows. Template extensions ({m.scoreLine} in a template). Pure.
 */
@TemplateExtension
public final class ReportSentences {

    private ReportSentences() {
    }

    public static String compositeLine(CompositeScore c) {
        String line = "Composite " + num(c.value());
        if (!c.missing().isEmpty()) {
            line += " (no data for " + c.missing().stream().map(p -> p.key()).collect(Collectors.joining(", "))
                    + "; the other weights renormalised)";
        }
        return line;
    }

    /** The weighted accuracy as a spread: percentiles and how many items fell in each bin. */
    public static String scoreLine(ModelReport m) {
        RunReport.ScoreDistribution d = m.weightedAccuracyDistribution();
        StringBuilder line = new StringBuilder("Weighted accuracy: min ").append(num(d.min())).append(", p10 ")
                .append(num(d.p10())).append(", p50 ").append(num(d.p50())).append(", p90 ").append(num(d.p90()))
                .append(", max ").append(num(d.max())).append("; items per bin:");
        d.histogram().forEach((bin, n) -> line.append(' ').append(bin).append(": ").append(n).append(';'));
        line.setLength(line.length() - 1);
        return line.append('.').toString();
    }

    public static String retriesLine(ModelReport m) {
        RunReport.Retries r = m.retries();
        String retries = r.items() == 0 ? "Attempts not recorded."
                : String.format(Locale.ROOT, "Attempts: %d over %d items, %d retried, mean %s.", r.totalAttempts(),
                        r.items(), r.retriedItems(), num(r.meanAttempts()));
        return retries + " Inter-token latency: p50 " + seconds(m.latency().interTokenP50()) + ", p95 "
                + seconds(m.latency().interTokenP95()) + ".";
    }

    /** The LLM judge's grades and how far they agree with the tests; says it never decided pass/fail. */
    public static String judgeLine(RunReport.JudgeReport j) {
        StringBuilder line = new StringBuilder("LLM judge (").append(String.join(", ", j.judgeModels()))
                .append("; advisory, never decides pass/fail): ").append(j.itemsJudged()).append(" items judged");
        if (j.unscored() > 0) {
            line.append(", ").append(j.unscored()).append(" without a score");
        }
        line.append("; mean score ").append(num(j.meanScore())).append("; items per score:");
        j.distribution().forEach((score, n) -> line.append(' ').append(score).append(": ").append(n).append(';'));
        line.setLength(line.length() - 1);
        line.append(". Agreement with the tests (score >= ").append(RunReport.JudgeReport.ACCEPT_SCORE)
                .append(" as pass) over ").append(j.compared()).append(" items: ").append(num(j.agreement()))
                .append(", Cohen's kappa ");
        line.append(j.kappa() != null ? num(j.kappa()) : "undefined (" + j.kappaUndefinedBecause() + ")");
        return line.append(String.format(Locale.ROOT, ". Judge cost $%.4f.", j.costUsd())).toString();
    }

    public static List<List<String>> qualityRows(ModelReport m) {
        List<List<String>> rows = new ArrayList<>();
        m.quality().forEach((name, s) -> rows.add(row("all", name, s)));
        for (CategoryReport c : m.categories()) {
            if (c.quality() != null) {
                c.quality().forEach((name, s) -> rows.add(row(c.category(), name, s)));
            }
        }
        return rows;
    }

    private static List<String> row(String scope, String name, MetricSummary s) {
        return List.of(scope, name, String.valueOf(s.n()), num(s.mean()), num(s.p50()), num(s.p90()), num(s.max()),
                s.nonZeroShare() == null ? "-" : num(s.nonZeroShare()));
    }

    /** The secondary failure categories as "category n, ...". */
    public static String secondaryLine(ModelReport m) {
        return counts(m.secondaryFailureMix());
    }

    /** The stream context of a model's regression section as sentences. */
    public static List<String> streamLines(RegressionReport.ModelRegression m) {
        return StreamLines.of(m);
    }

    /** The composite's parts as "pass-at-1 0.8 × 0.5, ..." and the parts without data. */
    public static String parts(Frontier.Placed f) {
        String parts = f.compositeParts().stream().map(p -> p.part().key() + " " + num(p.value()) + " × "
                + num(p.weight())).collect(Collectors.joining(", "));
        return f.compositeMissing().isEmpty() ? parts : parts + "; no data: " + f.compositeMissing().stream()
                .map(p -> p.key()).collect(Collectors.joining(", "));
    }

    /** Four significant digits, a dash when missing: {rep:num(x)} in a template. */
    @TemplateExtension(namespace = "rep")
    public static String num(Object v) {
        return v instanceof Number n && !Double.isNaN(n.doubleValue())
                ? String.format(Locale.ROOT, "%.4g", n.doubleValue()) : "-";
    }

    /** A model's verdict in words: "no regression", "no baseline". */
    public static String verdictWords(RegressionReport.ModelRegression m) {
        return m.verdict() == null ? "-" : m.verdict().replace('_', ' ');
    }

    /** The name of the model's pass-rate figure ({@link ReportFigures#passRateName}). */
    public static String passRateFigure(RegressionReport.ModelRegression m) {
        return ReportFigures.passRateName(m.model());
    }

    public static String signedDifference(Comparison c) {
        return signed(c.difference());
    }

    /** The difference's interval, "[-0.2, +0.1]", or a dash. */
    public static String interval(Comparison c) {
        return c.ciLow() == null || c.ciHigh() == null ? "-" : "[" + signed(c.ciLow()) + ", " + signed(c.ciHigh()) + "]";
    }

    /** "p (p adjusted)". */
    public static String pValues(Comparison c) {
        return p(c.pValue()) + " (" + p(c.adjustedPValue()) + ")";
    }

    /** One output of the reference run (at most {@value #OUTPUT_SHOWN} characters). */
    public static String outputBefore(RegressionReport.TaskChange t) {
        return clip(t.baselineOutput());
    }

    /** One output of this run (at most {@value #OUTPUT_SHOWN} characters). */
    public static String outputAfter(RegressionReport.TaskChange t) {
        return clip(t.output());
    }

    static final int OUTPUT_SHOWN = 2000;

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > OUTPUT_SHOWN ? s.substring(0, OUTPUT_SHOWN) + "\n…" : s;
    }

    private static String signed(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%+.4f", v);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "-" : v < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String counts(Map<String, Long> mix) {
        return mix.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String seconds(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f ms", v * 1000);
    }
}
