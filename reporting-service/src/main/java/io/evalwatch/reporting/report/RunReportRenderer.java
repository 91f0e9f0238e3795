package io.evalwatch.reporting.report;

import static io.evalwatch.reporting.report.RegressionReportRenderer.esc;
import static io.evalwatch.reporting.report.RegressionReportRenderer.num;

import io.evalwatch.reporting.composite.CompositeScore;
import io.evalwatch.reporting.report.RunReport.CategoryReport;
import io.evalwatch.reporting.report.RunReport.MetricSummary;
import io.evalwatch.reporting.report.RunReport.ModelReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One model's run-report sections as Markdown or HTML: the composite with its parts, secondary failure categories,
 * quality distributions (overall and per category), retries and inter-token latency. Pure.
 */
public final class RunReportRenderer {

    private RunReportRenderer() {
    }

    public static String markdown(ModelReport m) {
        StringBuilder md = new StringBuilder("### This run\n\n");
        md.append(compositeLine(m.composite())).append("\n\n");
        md.append("| part | value | weight |\n| --- | --- | --- |\n");
        for (CompositeScore.Part p : m.composite().parts()) {
            md.append("| ").append(p.part().key()).append(" | ").append(num(p.value())).append(" | ")
                    .append(num(p.weight())).append(" |\n");
        }
        md.append('\n');
        if (!m.secondaryFailureMix().isEmpty()) {
            md.append("Secondary failure categories: ").append(counts(m.secondaryFailureMix())).append(".\n\n");
        }
        md.append(scoreLine(m)).append("\n\n");
        md.append(retriesLine(m)).append("\n\n");
        if (m.judge() != null) {
            md.append(judgeLine(m.judge())).append("\n\n");
        }
        List<String[]> rows = qualityRows(m);
        if (!rows.isEmpty()) {
            md.append("| scope | measure | n | mean | p50 | p90 | max | share non-zero |\n")
                    .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
            rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
            md.append('\n');
        }
        return md.toString();
    }

    public static String html(ModelReport m) {
        StringBuilder h = new StringBuilder("<h3>This run</h3><p>").append(esc(compositeLine(m.composite())))
                .append("</p><table><tr><th>part</th><th>value</th><th>weight</th></tr>");
        for (CompositeScore.Part p : m.composite().parts()) {
            h.append("<tr><td>").append(esc(p.part().key())).append("</td><td>").append(num(p.value()))
                    .append("</td><td>").append(num(p.weight())).append("</td></tr>");
        }
        h.append("</table>");
        if (!m.secondaryFailureMix().isEmpty()) {
            h.append("<p>Secondary failure categories: ").append(esc(counts(m.secondaryFailureMix()))).append(".</p>");
        }
        h.append("<p>").append(esc(scoreLine(m))).append("</p>");
        h.append("<p>").append(esc(retriesLine(m))).append("</p>");
        if (m.judge() != null) {
            h.append("<p>").append(esc(judgeLine(m.judge()))).append("</p>");
        }
        List<String[]> rows = qualityRows(m);
        if (!rows.isEmpty()) {
            h.append("<table><tr><th>scope</th><th>measure</th><th>n</th><th>mean</th><th>p50</th><th>p90</th>")
                    .append("<th>max</th><th>share non-zero</th></tr>");
            for (String[] r : rows) {
                h.append("<tr>");
                for (String cell : r) {
                    h.append("<td>").append(esc(cell)).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>");
        }
        return h.toString();
    }

    static String compositeLine(CompositeScore c) {
        String line = "Composite " + num(c.value());
        if (!c.missing().isEmpty()) {
            line += " (no data for " + c.missing().stream().map(p -> p.key()).collect(Collectors.joining(", "))
                    + "; the other weights renormalised)";
        }
        return line;
    }

    /** The weighted accuracy as a spread: percentiles and how many items fell in each bin. */
    static String scoreLine(ModelReport m) {
        RunReport.ScoreDistribution d = m.weightedAccuracyDistribution();
        StringBuilder line = new StringBuilder("Weighted accuracy: min ").append(num(d.min())).append(", p10 ")
                .append(num(d.p10())).append(", p50 ").append(num(d.p50())).append(", p90 ").append(num(d.p90()))
                .append(", max ").append(num(d.max())).append("; items per bin:");
        d.histogram().forEach((bin, n) -> line.append(' ').append(bin).append(": ").append(n).append(';'));
        line.setLength(line.length() - 1);
        return line.append('.').toString();
    }

    static String retriesLine(ModelReport m) {
        RunReport.Retries r = m.retries();
        String retries = r.items() == 0 ? "Attempts not recorded."
                : String.format(Locale.ROOT, "Attempts: %d over %d items, %d retried, mean %s.", r.totalAttempts(),
                        r.items(), r.retriedItems(), num(r.meanAttempts()));
        return retries + " Inter-token latency: p50 " + seconds(m.latency().interTokenP50()) + ", p95 "
                + seconds(m.latency().interTokenP95()) + ".";
    }

    /** The LLM judge's grades and how far they agree with the tests; says it never decided pass/fail. */
    static String judgeLine(RunReport.JudgeReport j) {
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

    static List<String[]> qualityRows(ModelReport m) {
        List<String[]> rows = new ArrayList<>();
        m.quality().forEach((name, s) -> rows.add(row("all", name, s)));
        for (CategoryReport c : m.categories()) {
            if (c.quality() != null) {
                c.quality().forEach((name, s) -> rows.add(row(c.category(), name, s)));
            }
        }
        return rows;
    }

    private static String[] row(String scope, String name, MetricSummary s) {
        return new String[] {scope, name, String.valueOf(s.n()), num(s.mean()), num(s.p50()), num(s.p90()),
                num(s.max()), s.nonZeroShare() == null ? "-" : num(s.nonZeroShare())};
    }

    private static String counts(Map<String, Long> mix) {
        return mix.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String seconds(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f ms", v * 1000);
    }
}
