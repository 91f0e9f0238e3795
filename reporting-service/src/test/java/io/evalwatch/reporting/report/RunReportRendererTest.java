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
    void theJudgeLineShowsGradesAgreementAndThatItIsAdvisory() {
        RunReport.JudgeReport j = new RunReport.JudgeReport(List.of("sim-judge"), 7, 1, 19 / 6.0,
                Map.of("1", 1L, "2", 1L, "3", 1L, "4", 2L, "5", 1L).entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                                java.util.LinkedHashMap::new)), 5, 0.6, 1 / 6.0, null, 0.007);
        String line = RunReportRenderer.judgeLine(j);
        assertTrue(line.startsWith("LLM judge (sim-judge; advisory, never decides pass/fail): 7 items judged, 1 without"
                + " a score; mean score 3.167; items per score: 1: 1; 2: 1; 3: 1; 4: 2; 5: 1."), line);
        assertTrue(line.contains("(score >= 4 as pass) over 5 items: 0.6000, Cohen's kappa 0.1667. Judge cost $0.0070."),
                line);
        assertTrue(RunReportRenderer.judgeLine(new RunReport.JudgeReport(List.of("j"), 1, 0, 5.0, Map.of("5", 1L), 1,
                1.0, null, "no variation", 0)).contains("Cohen's kappa undefined (no variation)"));
        assertFalse(RunReportRenderer.markdown(REPORT.models().get(0)).contains("LLM judge"), "no judge, no line");
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
