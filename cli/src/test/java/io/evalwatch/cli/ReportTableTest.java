package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    static final String REPORT = """
            {"runId": "r", "suite": "s", "suiteVersion": "v1", "status": "completed", "scoredItems": 4,
             "erroredItems": 0, "expectedItems": 4, "models": [{
               "model": "m", "items": 4, "passed": 2, "passAt1": 0.5, "passAtK": {"pass@1": 0.5},
               "weightedAccuracy": 0.1,
               "composite": {"value": 0.537, "parts": [{"part": "pass-at-1", "value": 0.5, "weight": 0.444},
                   {"part": "type-errors", "value": 0.6667, "weight": 0.222}], "missing": ["human-accept-rate"]},
               "failureMix": {"none": 2, "wrong_answer": 2}, "secondaryFailureMix": {"context_drift": 2},
               "quality": {"quality.type_errors": {"n": 3, "mean": 0.6667, "p50": 0, "p90": 1.6, "max": 2,
                   "nonZeroShare": 0.3333}},
               "retries": {"items": 3, "totalAttempts": 6, "retriedItems": 2, "meanAttempts": 2.0},
               "latency": {"interTokenP50": 0.02, "interTokenP95": 0.19}, "cost": {}, "categories": []}]}
            """;

    @Test
    void showsTheCompositeItsPartsSecondaryCategoriesRetriesAndQualityDistributions() throws Exception {
        String text = ReportTable.render(new ObjectMapper().readTree(REPORT));

        assertTrue(text.contains("0.537"), text);
        assertTrue(text.contains("pass-at-1 50.0%, type-errors 66.7%; no data: human-accept-rate"), text);
        assertTrue(text.contains("context_drift 2"), text);
        assertTrue(text.contains("6 (2 retried)"), text);
        assertTrue(text.contains("20 ms / 190 ms"), text);
        assertTrue(text.contains("quality.type_errors") && text.contains("33.3%"), text);
    }

    @Test
    void showsTheJudgesGradesBesideTheTestsWhenTheSuiteHasAJudge() throws Exception {
        String text = ReportTable.render(new ObjectMapper().readTree("""
                {"runId": "r", "models": [{"model": "m", "failureMix": {"none": 1}, "judge": {
                  "judgeModels": ["sim-judge"], "itemsJudged": 4, "unscored": 1, "meanScore": 3.0,
                  "distribution": {"1": 1, "2": 0, "3": 0, "4": 0, "5": 2}, "compared": 3, "agreement": 1.0,
                  "kappa": 1.0, "costUsd": 0.0012}}]}"""));

        assertTrue(text.contains("sim-judge"), text);
        assertTrue(text.contains("1/0/0/0/2"), text);
        assertTrue(text.contains("100.0%"), text);
    }

    @Test
    void showsASectionPerKindWithItsOwnFiguresAndAccuracyPerTag() throws Exception {
        String text = ReportTable.render(new ObjectMapper().readTree("""
                {"runId": "r", "models": [{"model": "m", "failureMix": {"none": 1},
                  "kinds": [{"kind": "review", "items": 20, "passed": 5, "passAt1": 0.25, "weightedScore": 0.61,
                     "figures": {"pass_rate": 0.25, "weighted_score": 0.61, "precision": 0.8, "recall": 0.5,
                                 "f1": 0.615, "found": 14, "tier3_recall": 0.2, "tier3_false_positives": 1}},
                    {"kind": "search", "items": 15, "passed": 9, "passAt1": 0.6, "weightedScore": 0.7,
                     "figures": {"mrr": 0.72, "ndcg_at_5": 0.7}}],
                  "tags": [{"tag": "security", "items": 8, "passed": 6, "passAt1": 0.75, "weightedScore": 0.5}]}]}"""));

        assertTrue(text.contains("precision 0.80, recall 0.50, f1 0.62, tier3_recall 0.20"), text);
        assertFalse(text.contains("found"), "raw counts stay out of the figures: " + text);
        assertTrue(text.contains("mrr 0.72, ndcg_at_5 0.70"), text);
        assertTrue(text.contains("security") && text.contains("75.0%"), text);
    }

    @Test
    void showsEachPromptVariantAndItsComparisonWithBase() throws Exception {
        String text = ReportTable.render(new ObjectMapper().readTree("""
                {"runId": "r", "models": [{"model": "m", "failureMix": {"none": 1}}],
                 "variants": [{"model": "m",
                   "variants": [{"variant": "base", "items": 20, "passRate": 0.4, "weightedScore": -0.2,
                                 "ttftP50Seconds": 0.2, "durationP50Seconds": 1.0, "meanOutputTokens": 50,
                                 "costPerCompletedTaskUsd": 0.001},
                                {"variant": "structured", "items": 20, "passRate": 0.45, "weightedScore": -0.1,
                                 "ttftP50Seconds": 0.25, "durationP50Seconds": 1.25, "meanOutputTokens": 55,
                                 "costPerCompletedTaskUsd": 0.0012, "ttftChange": 0.25, "durationChange": 0.25}],
                   "comparisons": [{"variantName": "structured", "conclusion": "no significant difference between",
                                    "promptingProblem": null},
                                   {"variantName": "few-shot", "conclusion": "few-shot wins over base: ...",
                                    "promptingProblem": "few-shot cuts the error rate by 83 % (from 60.0 % to 10.0 %)"}]}]}"""));

        assertTrue(text.contains("Prompt variants (the tables above are of base)"), text);
        assertTrue(text.contains("structured") && text.contains("+25.0%") && text.contains("250 ms"), text);
        assertTrue(text.contains("m: few-shot cuts the error rate by 83 %"), text);
        assertTrue(text.contains("m: no significant difference between"), text);
    }

    @Test
    void showsTheContaminationProbesFindingPerModel() throws Exception {
        String text = ReportTable.render(new ObjectMapper().readTree("""
                {"runId": "r", "models": [{"model": "m", "failureMix": {"none": 1}}],
                 "contamination": [{"model": "m", "flagged": true, "finding": "m passes 0.95 of the originals and 0.45\
                 of their twins (...): it may have memorised this suite"},
                   {"model": "n", "flagged": false, "finding": "n passes 0.97 of the originals and 0.96 of their twins\
                 (...): no sign that it memorised this suite"}]}"""));

        assertTrue(text.contains("Contamination probe (originals against their twins)"), text);
        assertTrue(text.contains("FLAGGED m passes 0.95 of the originals"), text);
        assertTrue(text.contains("\nn passes 0.97 of the originals"), text);
    }

    @Test
    void aReportWithoutTheNewSectionsStillRenders() throws Exception {
        JsonNode old = new ObjectMapper().readTree("""
                {"runId": "r", "models": [{"model": "m", "failureMix": {"none": 1}}]}""");
        String text = ReportTable.render(old);

        assertTrue(text.contains("none 1"), text);
        assertFalse(text.contains("measure"), "no quality table without measures");
        assertFalse(text.contains("Prompt variants"), "no variants table for a run of base only");
        assertFalse(text.contains("Contamination"), "no contamination probe without twins");
    }
}
