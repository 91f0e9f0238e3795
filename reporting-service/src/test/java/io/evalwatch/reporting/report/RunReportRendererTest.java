package io.evalwatch.reporting.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.reporting.frontier.Frontier;
import io.evalwatch.reporting.report.RegressionReport.ModelRegression;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportRendererTest {

    static final RunReport REPORT = RunReportBuilderTest.measuredReport(null);

    @Test
    void markdownShowsTheCompositePartsSecondaryMixQualityAndRetries() {
        String md = RunReportRenderer.markdown(REPORT.models().get(0));

        assertTrue(md.contains("Composite 0.5370 (no data for human-accept-rate; the other weights renormalised)"), md);
        assertTrue(md.contains("| type-errors | 0.6667 | 0.2222 |"), md);
        assertTrue(md.contains("Secondary failure categories: boundary_failure 1, context_drift 2."), md);
        assertTrue(md.contains("Attempts: 6 over 3 items, 2 retried, mean 2.000."), md);
        assertTrue(md.contains("Inter-token latency: p50 20.0 ms"), md);
        assertTrue(md.contains("| all | quality.type_errors | 3 | 0.6667 | 0.000 |"), md);
        assertTrue(md.contains("| strings | similarity.chrf | 1 | 100.0 |"), md);
    }

    @Test
    void htmlEscapesAndShowsTheSameSections() {
        String html = RunReportRenderer.html(REPORT.models().get(0));

        assertTrue(html.contains("<h3>This run</h3><p>Composite 0.5370"), html);
        assertFalse(html.contains("<td>human-accept-rate</td>"), "a missing part has no row");
        assertTrue(html.contains("<tr><td>lists</td><td>quality.type_errors</td><td>2</td>"), html);
    }

    @Test
    void theRegressionReportCarriesEachModelsRunSectionsWhenGivenTheRunReport() {
        ModelRegression m = new ModelRegression("m", null, "no_baseline", List.of(), List.of(), List.of(), Map.of(),
                Map.of(), Map.of(), "base", Map.of(), null, List.of());
        RegressionReport regression = new RegressionReport("r", "s", "v1", "manual", null, List.of(m));

        assertTrue(RegressionReportRenderer.markdown(regression, List.<Frontier.Placed>of(), REPORT)
                .contains("### This run"));
        assertTrue(RegressionReportRenderer.html(regression, List.<Frontier.Placed>of(), REPORT)
                .contains("<h3>This run</h3>"));
        assertFalse(RegressionReportRenderer.markdown(regression, List.of()).contains("### This run"));
    }
}
