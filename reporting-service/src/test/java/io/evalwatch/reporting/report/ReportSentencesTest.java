package io.evalwatch.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportSentencesTest {

    static final RunReport.ModelReport MODEL = RunReportBuilderTest.measuredReport(null).models().get(0);

    @Test
    void theCompositeRetriesAndQualityRowsReadAsTheReportsWriteThem() {
        assertEquals("Composite 0.5370 (no data for human-accept-rate; the other weights renormalised)",
                ReportSentences.compositeLine(MODEL.composite()));
        assertTrue(ReportSentences.retriesLine(MODEL).startsWith("Attempts: 6 over 3 items, 2 retried, mean 2.000."
                + " Inter-token latency: p50 20.0 ms"), ReportSentences.retriesLine(MODEL));
        assertEquals("boundary_failure 1, context_drift 2", ReportSentences.secondaryLine(MODEL));
        List<String> lists = ReportSentences.qualityRows(MODEL).stream()
                .filter(r -> r.get(0).equals("lists") && r.get(1).equals("quality.type_errors")).findFirst().orElseThrow();
        // items of lists: 0 and 2 type errors
        assertEquals(List.of("2", "1.000"), lists.subList(2, 4));
        assertEquals(List.of("2.000", "0.5000"), lists.subList(6, 8));
    }

    @Test
    void theJudgeLineShowsGradesAgreementAndThatItIsAdvisory() {
        Map<String, Long> grades = new LinkedHashMap<>();
        for (String score : List.of("1", "2", "3", "5")) {
            grades.put(score, 1L);
        }
        grades.put("4", 2L);
        RunReport.JudgeReport j = new RunReport.JudgeReport(List.of("sim-judge"), 7, 1, 19 / 6.0, grades, 5, 0.6,
                1 / 6.0, null, 0.007);
        String line = ReportSentences.judgeLine(j);
        assertTrue(line.startsWith("LLM judge (sim-judge; advisory, never decides pass/fail): 7 items judged, 1 without"
                + " a score; mean score 3.167"), line);
        assertTrue(line.contains("(score >= 4 as pass) over 5 items: 0.6000, Cohen's kappa 0.1667. Judge cost $0.0070."),
                line);
        assertTrue(ReportSentences.judgeLine(new RunReport.JudgeReport(List.of("j"), 1, 0, 5.0, Map.of("5", 1L), 1,
                1.0, null, "no variation", 0)).contains("Cohen's kappa undefined (no variation)"));
    }
}
