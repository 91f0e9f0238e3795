package io.evalwatch.scoring.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.ItemMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Quality signals from the analysers' report, in the shape analysis.py sends it. */
class QualitySignalsTest {

    private static final Map<String, Object> PYFLAKES = Map.of("undefinedNames", List.of("fast_sum", "np"),
            "messages", List.of(), "syntaxError", "null");
    private static final Map<String, Object> MCCABE = Map.of("functions", Map.of("f", 7, "g", 2), "maxComplexity", 7,
            "referenceMaxComplexity", 4);
    private static final Map<String, Object> BANDIT = Map.of("issues", List.of(
            Map.of("testId", "B307", "severity", "MEDIUM"), Map.of("testId", "B602", "severity", "HIGH"),
            Map.of("testId", "B101", "severity", "LOW"), Map.of("testId", "B311", "severity", "LOW")),
            "highestSeverity", "HIGH");
    private static final Map<String, Object> MYPY = Map.of("errorCount", 3, "errors", List.of(), "missingApis", List.of());

    @Test
    void everyToolThatRanGivesItsMeasures() {
        Map<String, Double> m = QualitySignals.of(Map.of("pyflakes", PYFLAKES, "mccabe", MCCABE, "bandit", BANDIT,
                "mypy", MYPY), "python");

        assertEquals(Map.of(ItemMetrics.COMPLEXITY, 7.0, ItemMetrics.COMPLEXITY_DELTA, 3.0,
                ItemMetrics.TYPE_ERRORS, 3.0, ItemMetrics.UNDEFINED_NAMES, 2.0,
                ItemMetrics.SECURITY_FINDINGS, 4.0, "quality.security.low", 2.0, "quality.security.medium", 1.0,
                "quality.security.high", 1.0), m);
    }

    @Test
    void skippedFailedOrAbsentToolsGiveNoMeasure() {
        Map<String, Double> m = QualitySignals.of(Map.of("pyflakes", Map.of("skipped", "code does not parse"),
                "mccabe", Map.of("error", "RecursionError: too deep"), "mypy", MYPY), "python");

        assertEquals(Map.of(ItemMetrics.TYPE_ERRORS, 3.0), m);
        assertEquals(Map.of(), QualitySignals.of(Map.of("error", "the analysers reported nothing"), "python"));
        assertEquals(Map.of(), QualitySignals.of(null, "python"));
    }

    @Test
    void noReferenceComplexityNoDelta() {
        Map<String, Double> m = QualitySignals.of(Map.of("mccabe", Map.of("maxComplexity", 1)), "python");

        assertEquals(Map.of(ItemMetrics.COMPLEXITY, 1.0), m);
    }

    @Test
    void theCompleteCountsWinOverTheCutIssueList() {
        Map<String, Object> bandit = Map.of("issues", List.of(Map.of("severity", "LOW")), "issueCount", 60,
                "severityCounts", Map.of("UNDEFINED", 0, "LOW", 58, "MEDIUM", 2, "HIGH", 0));

        Map<String, Double> m = QualitySignals.of(Map.of("bandit", bandit), "python");

        assertEquals(60.0, m.get(ItemMetrics.SECURITY_FINDINGS));
        assertEquals(58.0, m.get("quality.security.low"));
        assertEquals(2.0, m.get("quality.security.medium"));
        assertEquals(0.0, m.get("quality.security.high"));
    }

    @Test
    void otherLanguagesGetNoQualityMeasures() {
        assertEquals(Map.of(), QualitySignals.of(Map.of("mccabe", MCCABE), "javascript"));
        assertEquals(Map.of(), QualitySignals.of(Map.of("mccabe", MCCABE), null));
    }
}
