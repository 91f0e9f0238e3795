package io.evalwatch.reporting.report;

import io.evalwatch.reporting.console.chart.Chart;
import io.evalwatch.reporting.frontier.Frontier;
import io.evalwatch.reporting.report.ReportFigures.Figure;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run report and the regression report as documents, HTML or Markdown, from the Qute templates in
 * templates/reports/, and their figures as SVG files. Each report shows the frontier as of its run: built from the runs
 * completed up to the run's end (frontierAsOf), so an old report does not change when later runs arrive.
 */
@ApplicationScoped
public class ReportDocuments {

    @Location("reports/run.html")
    Template runHtml;
    @Location("reports/run.md")
    Template runMarkdown;
    @Location("reports/regression.html")
    Template regressionHtml;
    @Location("reports/regression.md")
    Template regressionMarkdown;
    @Location("reports/chart.svg")
    Template svg;

    /**
     * chartFiles: for Markdown, what each figure's image link starts with (its name and .svg follow), e.g.
     * "report-" for report-latency.svg beside the file; null for tables alone. HTML draws its charts inline.
     */
    public String run(RunReport report, List<Frontier.Placed> frontier, Instant frontierAsOf, ReportFormat format,
            String chartFiles) {
        Template template = format == ReportFormat.markdown ? runMarkdown : runHtml;
        return template.data("report", report).data("figures", ReportFigures.ofRun(report))
                .data("longContextFigures", ReportFigures.longContext(report))
                .data("frontier", ReportFigures.frontier(report.suite(), frontier).orElse(null))
                .data("frontierAsOf", frontierAsOf).data("chartFiles", blankToNull(chartFiles)).render();
    }

    /** run: the run's report, whose per-model sections each model's part shows; null leaves them out. */
    public String regression(RegressionReport report, RunReport run, List<Frontier.Placed> frontier,
            Instant frontierAsOf, ReportFormat format, String chartFiles) {
        Template template = format == ReportFormat.markdown ? regressionMarkdown : regressionHtml;
        return template.data("report", report).data("runModels", run == null ? List.of() : run.models())
                .data("figures", regressionFigures(report))
                .data("frontier", ReportFigures.frontier(report.suite(), frontier).orElse(null))
                .data("frontierAsOf", frontierAsOf).data("chartFiles", blankToNull(chartFiles)).render();
    }

    /** One figure of the run report as an SVG file; empty when it has no such figure. */
    public Optional<String> runFigure(RunReport report, List<Frontier.Placed> frontier, String name) {
        List<Figure> all = new ArrayList<>(ReportFigures.ofRun(report));
        all.addAll(ReportFigures.longContext(report));
        ReportFigures.frontier(report.suite(), frontier).ifPresent(all::add);
        return svgOf(all, name);
    }

    /** One figure of the regression report as an SVG file; empty when it has no such figure. */
    public Optional<String> regressionFigure(RegressionReport report, List<Frontier.Placed> frontier, String name) {
        List<Figure> all = new ArrayList<>(regressionFigures(report));
        ReportFigures.frontier(report.suite(), frontier).ifPresent(all::add);
        return svgOf(all, name);
    }

    private static List<Figure> regressionFigures(RegressionReport report) {
        List<Figure> figures = new ArrayList<>();
        report.models().forEach(m -> ReportFigures.passRates(m).ifPresent(figures::add));
        return figures;
    }

    private Optional<String> svgOf(List<Figure> figures, String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().map(Figure::chart).map(this::svg);
    }

    String svg(Chart chart) {
        return svg.data("chart", chart).render();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
