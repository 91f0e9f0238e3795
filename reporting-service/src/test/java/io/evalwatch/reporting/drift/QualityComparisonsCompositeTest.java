package io.evalwatch.reporting.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ItemMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityComparisonsCompositeTest {

    @Test
    void anItemsCompositeWeighsItsMeasuresAndIgnoresWeightedAccuracy() {
        // passed, a security finding, no more complex than the reference, types not checked: (0.4 + 0.1) / 0.7
        ItemOutcome measured = item(true, 0.2, Map.of(ItemMetrics.SECURITY_FINDINGS, 2.0,
                ItemMetrics.COMPLEXITY_DELTA, -2.0));
        assertEquals(0.5 / 0.7, QualityComparisons.composite(measured), 1e-12);

        assertEquals(1.0, QualityComparisons.composite(item(true, -0.5, Map.of())), 1e-12);
        assertEquals(0.0, QualityComparisons.composite(item(false, 0.9, Map.of())), 1e-12);
        // a failed item still earns its clean measures
        assertEquals(0.4 / 0.8, QualityComparisons.composite(item(false, -1.0,
                Map.of(ItemMetrics.TYPE_ERRORS, 0.0, ItemMetrics.SECURITY_FINDINGS, 0.0))), 1e-12);
    }

    @Test
    void aBaselineWithoutMeasuresIsComparedOnPassFailAlone() {
        // stored before the analysers' measures existed: the candidate's type errors must not count against it
        ItemOutcome before = item(true, 1.0, Map.of());
        ItemOutcome after = item(true, 1.0, Map.of(ItemMetrics.TYPE_ERRORS, 3.0));
        PairedItems.Pair pair = QualityComparisons.onCommonMeasures(List.of(new PairedItems.Pair(before, after))).get(0);
        assertEquals(QualityComparisons.composite(pair.baseline()), QualityComparisons.composite(pair.candidate()),
                1e-12);
        // measured on both sides, the type errors are a difference
        PairedItems.Pair both = QualityComparisons.onCommonMeasures(List.of(new PairedItems.Pair(
                item(true, 1.0, Map.of(ItemMetrics.TYPE_ERRORS, 0.0)), after))).get(0);
        assertTrue(QualityComparisons.composite(both.candidate()) < QualityComparisons.composite(both.baseline()));
    }

    private static ItemOutcome item(boolean passed, double weightedAccuracy, Map<String, Double> metrics) {
        return new ItemOutcome("t", 0, "c", passed, weightedAccuracy, null, null, 0.0, 10, "fenced", null, null, null,
                null, metrics);
    }
}
