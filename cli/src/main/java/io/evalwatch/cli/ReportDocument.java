package io.evalwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report as reporting-service renders it, HTML or Markdown, on stdout or in a file. The HTML carries its charts
 * inline; Markdown on stdout shows each chart's figures as a table, and Markdown written to FILE also gets each chart
 * as FILE's name + "-" + chart + ".svg" beside it, linked as an image.
 */
final class ReportDocument {

    /** What reporting-service accepts as a chart link prefix. */
    private static final Pattern SAFE_STEM = Pattern.compile("[A-Za-z0-9._-]+");

    private ReportDocument() {
    }

    /** path: "report" or "regression"; baselineRunId only for regression (null: the stream's reference). */
    static void deliver(EvalwatchApi api, String runId, String path, Format format, String baselineRunId, Path out)
            throws IOException {
        String name = format == Format.html ? "html" : "markdown";
        if (out == null) {
            System.out.print(api.reportDocument(runId, path, name, baselineRunId, null));
            return;
        }
        String prefix = format == Format.markdown ? chartPrefix(out) : null;
        String document = api.reportDocument(runId, path, name, baselineRunId, prefix);
        Path file = out.toAbsolutePath();
        Files.writeString(file, document);
        List<Path> charts = new ArrayList<>();
        if (prefix != null) {
            for (String chart : linkedCharts(document, prefix)) {
                Path svg = file.resolveSibling(prefix + chart + ".svg");
                Files.writeString(svg, api.reportChart(runId, path, chart, baselineRunId));
                charts.add(svg);
            }
        }
        System.err.println("wrote " + file + (charts.isEmpty() ? "" : " and " + charts.size()
                + " chart(s) beside it: " + String.join(", ", charts.stream().map(p -> p.getFileName().toString())
                .toList())));
    }

    /** FILE's name without its extension, and "-": report.md → "report-". */
    static String chartPrefix(Path out) {
        String file = out.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        return (SAFE_STEM.matcher(stem).matches() ? stem : "report") + "-";
    }

    /** The charts a Markdown document links as prefix + name + ".svg", in order. */
    static List<String> linkedCharts(String markdown, String prefix) {
        Matcher link = Pattern.compile("\\]\\(" + Pattern.quote(prefix) + "([A-Za-z0-9._-]+)\\.svg\\)")
                .matcher(markdown);
        List<String> names = new ArrayList<>();
        while (link.find()) {
            if (!names.contains(link.group(1))) {
                names.add(link.group(1));
            }
        }
        return names;
    }
}
