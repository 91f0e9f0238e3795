package io.evalwatch.reporting.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.ItemMetrics;
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

    private static ItemOutcome item(boolean passed, double weightedAccuracy, Map<String, Double> metrics) {
        return new ItemOutcome("t", 0, "c", passed, weightedAccuracy, null, null, 0.0, 10, "fenced", null, null, null,
                null, metrics);
    }
}
