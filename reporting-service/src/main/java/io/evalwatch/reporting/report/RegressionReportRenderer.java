package io.evalwatch.reporting.report;

import io.evalwatch.reporting.drift.Comparison;
import io.evalwatch.reporting.drift.Finding;
import io.evalwatch.reporting.frontier.Frontier;
import io.evalwatch.reporting.report.RegressionReport.ModelRegression;
import io.evalwatch.reporting.report.RegressionReport.TaskChange;
import java.util.List;
import java.util.Locale;

/** Renders a regression report as Markdown, or as one self-contained HTML page with inline SVG charts. */
public final class RegressionReportRenderer {

    private RegressionReportRenderer() {
    }

    public static String markdown(RegressionReport r, List<Frontier.Placed> frontier) {
        return markdown(r, frontier, null);
    }

    /** With run, each model's section also shows its run-report sections (composite, quality, retries). */
    public static String markdown(RegressionReport r, List<Frontier.Placed> frontier, RunReport run) {
        StringBuilder md = new StringBuilder();
        md.append("# Regression report: run ").append(r.runId()).append("\n\n");
        md.append("Suite **").append(r.suite()).append("** ").append(r.suiteVersion()).append(", trigger ")
                .append(r.trigger()).append(", completed ").append(r.completedAt()).append(".\n\n");
        md.append("**Verdict: ").append(r.regressed() ? "REGRESSION" : "no significant regression").append("**\n\n");
        for (ModelRegression m : r.models()) {
            md.append("## ").append(m.model()).append(" — ").append(m.verdict().replace('_', ' ')).append("\n\n");
            StreamLines.of(m).forEach(line -> md.append("- ").append(line).append('\n'));
            md.append('\n');
            modelOf(run, m.model()).ifPresent(report -> md.append(RunReportRenderer.markdown(report)));
            if (m.baselineRunId() == null) {
                md.append("Nothing to compare with: no reference run of this stream before this run.\n\n");
                continue;
            }
            md.append("Reference run ").append(m.baselineRunId()).append(".\n\n");
            if (!m.findings().isEmpty()) {
                md.append("### Findings\n\n");
                for (Finding f : m.findings()) {
                    md.append("- **").append(f.signal()).append("** (").append(f.scope()).append(", ")
                            .append(f.severity()).append("): ").append(f.summary()).append('\n');
                }
                md.append('\n');
            }
            md.append("### Scores against the baseline\n\n");
            md.append("| scope | metric | baseline | now | difference | interval (1−α) | p (adjusted) | verdict |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
            for (Comparison c : m.comparisons()) {
                md.append("| ").append(c.scope()).append(" | ").append(c.metric()).append(" | ")
                        .append(num(c.baseline())).append(" | ").append(num(c.candidate())).append(" | ")
                        .append(signed(c.difference())).append(" | ").append(interval(c)).append(" | ")
                        .append(p(c.pValue())).append(" (").append(p(c.adjustedPValue())).append(") | ")
                        .append(c.verdict()).append(" |\n");
            }
            md.append('\n');
            if (!m.worseTasks().isEmpty()) {
                md.append("### Tasks that got worse\n\n");
                for (TaskChange t : m.worseTasks()) {
                    md.append("#### ").append(t.taskId()).append(" (").append(t.category()).append("): ")
                            .append(t.baselinePassed()).append('/').append(t.baselineItems()).append(" → ")
                            .append(t.passed()).append('/').append(t.items()).append(", now ")
                            .append(t.failureCategory()).append("\n\nBefore:\n\n```\n").append(clip(t.baselineOutput()))
                            .append("\n```\n\nAfter:\n\n```\n").append(clip(t.output())).append("\n```\n\n");
                }
            }
            md.append("### Failure mix (baseline → now)\n\n| category | baseline | now |\n| --- | --- | --- |\n");
            m.failureMix().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v[0]).append(" | ")
                    .append(v[1]).append(" |\n"));
            md.append("\n### Latency and cost (baseline → now)\n\n| measure | baseline | now |\n| --- | --- | --- |\n");
            m.latencyAndCost().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(num(v[0]))
                    .append(" | ").append(num(v[1])).append(" |\n"));
            md.append("\n### What changed since the baseline\n\n");
            if (m.whatChanged().isEmpty()) {
                md.append("Nothing recorded changed: same model ids, fingerprints, prompts, configuration and suite.\n\n");
            } else {
                m.whatChanged().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v[0]).append(" → ")
                        .append(v[1]).append('\n'));
                md.append('\n');
            }
        }
        if (!frontier.isEmpty()) {
            md.append("## Cost-quality frontier (").append(r.suite()).append(")\n\n");
            md.append("| model | composite | pass rate | cost per completed task | composite per $ | frontier | parts |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (Frontier.Placed f : frontier) {
                md.append("| ").append(f.model()).append(" | ").append(num(f.composite())).append(" | ")
                        .append(num(f.passRate())).append(" | ").append(num(f.costPerCompletedTask())).append(" | ")
                        .append(num(f.compositePerDollar())).append(" | ")
                        .append(f.pareto() ? "yes" : "dominated by " + f.dominatedBy()).append(" | ")
                        .append(parts(f)).append(" |\n");
            }
        }
        return md.toString();
    }

    public static String html(RegressionReport r, List<Frontier.Placed> frontier) {
        return html(r, frontier, null);
    }

    /** With run, each model's section also shows its run-report sections (composite, quality, retries). */
    public static String html(RegressionReport r, List<Frontier.Placed> frontier, RunReport run) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>evalwatch regression report ")
                .append(esc(r.runId())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("font-size:13px;text-align:left}th{background:#f4f4f4}.regressed{color:#b00020;font-weight:bold}")
                .append(".ok{color:#1b5e20;font-weight:bold}pre{background:#f7f7f7;padding:8px;overflow:auto;")
                .append("font-size:12px;max-height:300px}</style></head><body>");
        h.append("<h1>Regression report</h1><p>Run <code>").append(esc(r.runId())).append("</code>, suite <b>")
                .append(esc(r.suite())).append("</b> ").append(esc(r.suiteVersion())).append(", trigger ")
                .append(esc(r.trigger())).append(".</p><p class=\"").append(r.regressed() ? "regressed" : "ok")
                .append("\">").append(r.regressed() ? "REGRESSION" : "No significant regression").append("</p>");
        for (ModelRegression m : r.models()) {
            h.append("<h2>").append(esc(m.model())).append(" — <span class=\"")
                    .append("regressed".equals(m.verdict()) ? "regressed" : "ok").append("\">")
                    .append(esc(m.verdict().replace('_', ' '))).append("</span></h2>");
            StreamLines.of(m).forEach(line -> h.append("<p>").append(esc(line)).append("</p>"));
            modelOf(run, m.model()).ifPresent(report -> h.append(RunReportRenderer.html(report)));
            if (m.baselineRunId() == null) {
                h.append("<p>Nothing to compare with: no reference run of this stream before this run.</p>");
                continue;
            }
            h.append("<p>Reference run <code>").append(esc(m.baselineRunId())).append("</code></p>");
            for (Finding f : m.findings()) {
                h.append("<p><b>").append(esc(f.signal())).append("</b> (").append(esc(f.scope())).append(", ")
                        .append(esc(f.severity())).append("): ").append(esc(f.summary())).append("</p>");
            }
            h.append(passRateChart(m.comparisons()));
            h.append("<table><tr><th>scope</th><th>metric</th><th>baseline</th><th>now</th><th>difference</th>")
                    .append("<th>interval (1−α)</th><th>p (adjusted)</th><th>verdict</th></tr>");
            for (Comparison c : m.comparisons()) {
                h.append("<tr><td>").append(esc(c.scope())).append("</td><td>").append(esc(c.metric()))
                        .append("</td><td>").append(num(c.baseline())).append("</td><td>").append(num(c.candidate()))
                        .append("</td><td>").append(signed(c.difference())).append("</td><td>").append(interval(c))
                        .append("</td><td>").append(p(c.pValue())).append(" (").append(p(c.adjustedPValue()))
                        .append(")</td><td class=\"").append("regressed".equals(c.verdict()) ? "regressed" : "")
                        .append("\">").append(esc(c.verdict())).append("</td></tr>");
            }
            h.append("</table>");
            if (!m.worseTasks().isEmpty()) {
                h.append("<h3>Tasks that got worse</h3>");
                for (TaskChange t : m.worseTasks()) {
                    h.append("<h4>").append(esc(t.taskId())).append(" (").append(esc(t.category())).append("): ")
                            .append(t.baselinePassed()).append('/').append(t.baselineItems()).append(" → ")
                            .append(t.passed()).append('/').append(t.items()).append(", now ")
                            .append(esc(t.failureCategory())).append("</h4><table><tr><th>before</th><th>after</th>")
                            .append("</tr><tr><td><pre>").append(esc(clip(t.baselineOutput())))
                            .append("</pre></td><td><pre>").append(esc(clip(t.output()))).append("</pre></td></tr></table>");
                }
            }
            h.append("<h3>Failure mix</h3><table><tr><th>category</th><th>baseline</th><th>now</th></tr>");
            m.failureMix().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(v[0])
                    .append("</td><td>").append(v[1]).append("</td></tr>"));
            h.append("</table><h3>Latency and cost</h3><table><tr><th>measure</th><th>baseline</th><th>now</th></tr>");
            m.latencyAndCost().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>")
                    .append(num(v[0])).append("</td><td>").append(num(v[1])).append("</td></tr>"));
            h.append("</table><h3>What changed since the baseline</h3>");
            if (m.whatChanged().isEmpty()) {
                h.append("<p>Nothing recorded changed.</p>");
            } else {
                h.append("<table><tr><th>field</th><th>baseline</th><th>now</th></tr>");
                m.whatChanged().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>")
                        .append(esc(String.valueOf(v[0]))).append("</td><td>").append(esc(String.valueOf(v[1])))
                        .append("</td></tr>"));
                h.append("</table>");
            }
        }
        if (!frontier.isEmpty()) {
            h.append("<h2>Cost-quality frontier</h2>").append(frontierChart(frontier));
            h.append("<table><tr><th>model</th><th>composite</th><th>pass rate</th><th>cost per completed task</th>")
                    .append("<th>composite per $</th><th>frontier</th><th>parts</th></tr>");
            for (Frontier.Placed f : frontier) {
                h.append("<tr><td>").append(esc(f.model())).append("</td><td>").append(num(f.composite()))
                        .append("</td><td>").append(num(f.passRate())).append("</td><td>")
                        .append(num(f.costPerCompletedTask())).append("</td><td>").append(num(f.compositePerDollar()))
                        .append("</td><td>").append(f.pareto() ? "yes" : "dominated by " + esc(f.dominatedBy()))
                        .append("</td><td>").append(esc(parts(f))).append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>").toString();
    }

    private static java.util.Optional<RunReport.ModelReport> modelOf(RunReport run, String model) {
        return run == null ? java.util.Optional.empty()
                : run.models().stream().filter(m -> m.model().equals(model)).findFirst();
    }

    /** Horizontal bars: pass rate per scope, baseline (grey) over now (blue or red when regressed). */
    static String passRateChart(List<Comparison> comparisons) {
        List<Comparison> rates = comparisons.stream().filter(c -> c.metric().toLowerCase(Locale.ROOT).contains("pass"))
                .toList();
        if (rates.isEmpty()) {
            return "";
        }
        int rowHeight = 34;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"")
                .append(rates.size() * rowHeight + 10).append("\">");
        for (int i = 0; i < rates.size(); i++) {
            Comparison c = rates.get(i);
            int y = i * rowHeight + 5;
            svg.append("<text x=\"0\" y=\"").append(y + 18).append("\" font-size=\"12\">").append(esc(c.scope()))
                    .append("</text>")
                    .append(bar(160, y, c.baseline(), "#9e9e9e"))
                    .append(bar(160, y + 13, c.candidate(), "regressed".equals(c.verdict()) ? "#c62828" : "#1565c0"))
                    .append("<text x=\"570\" y=\"").append(y + 18).append("\" font-size=\"11\">")
                    .append(num(c.baseline())).append(" → ").append(num(c.candidate())).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    static String frontierChart(List<Frontier.Placed> points) {
        double maxCost = points.stream().filter(p -> p.costPerCompletedTask() != null)
                .mapToDouble(Frontier.Placed::costPerCompletedTask).max().orElse(1) * 1.1;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"320\">")
                .append("<line x1=\"50\" y1=\"280\" x2=\"540\" y2=\"280\" stroke=\"#444\"/>")
                .append("<line x1=\"50\" y1=\"20\" x2=\"50\" y2=\"280\" stroke=\"#444\"/>")
                .append("<text x=\"200\" y=\"310\" font-size=\"12\">cost per completed task (USD)</text>")
                .append("<text x=\"5\" y=\"15\" font-size=\"12\">composite</text>");
        for (Frontier.Placed p : points) {
            if (p.costPerCompletedTask() == null) {
                continue;
            }
            double x = 50 + 490 * p.costPerCompletedTask() / maxCost;
            double y = 280 - 260 * Math.max(0, Math.min(1, p.composite()));
            svg.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"6\" fill=\"")
                    .append(p.pareto() ? "#1565c0" : "#bdbdbd").append("\"/><text x=\"").append(num(x + 8))
                    .append("\" y=\"").append(num(y + 4)).append("\" font-size=\"11\">").append(esc(p.model()))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** The composite's parts as "pass-at-1 0.8 × 0.5, ..." and the parts without data. */
    static String parts(Frontier.Placed f) {
        String parts = f.compositeParts().stream().map(p -> p.part().key() + " " + num(p.value()) + " × "
                + num(p.weight())).collect(java.util.stream.Collectors.joining(", "));
        return f.compositeMissing().isEmpty() ? parts : parts + "; no data: " + f.compositeMissing().stream()
                .map(p -> p.key()).collect(java.util.stream.Collectors.joining(", "));
    }

    private static String bar(int x, int y, double value, String color) {
        return "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + num(Math.max(0, Math.min(1, value)) * 400)
                + "\" height=\"11\" fill=\"" + color + "\"/>";
    }

    private static String interval(Comparison c) {
        return c.ciLow() == null || c.ciHigh() == null ? "-" : "[" + signed(c.ciLow()) + ", " + signed(c.ciHigh()) + "]";
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 2000 ? s.substring(0, 2000) + "\n…" : s;
    }

    static String num(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String signed(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%+.4f", v);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "-" : v < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
