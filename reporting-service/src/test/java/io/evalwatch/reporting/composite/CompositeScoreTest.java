package io.evalwatch.reporting.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ItemMetrics;
import io.evalwatch.reporting.ledger.ItemResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeScoreTest {

    static final Map<CompositePart, Double> DEFAULTS = CompositeWeights.DEFAULTS.weights();

    /** pass 2/4; type errors: 2 of 3 analysed clean; security 2 of 2; complexity 1 of 2 at or below the reference. */
    static List<ItemResult> items() {
        return List.of(
                item(true, Map.of(ItemMetrics.TYPE_ERRORS, 0.0, ItemMetrics.SECURITY_FINDINGS, 0.0,
                        ItemMetrics.COMPLEXITY_DELTA, -1.0)),
                item(true, Map.of(ItemMetrics.TYPE_ERRORS, 2.0, ItemMetrics.SECURITY_FINDINGS, 0.0,
                        ItemMetrics.COMPLEXITY_DELTA, 3.0)),
                item(false, Map.of(ItemMetrics.TYPE_ERRORS, 0.0)),
                item(false, null));
    }

    @Test
    void withoutReviewsTheHumanPartIsMissingAndTheOtherWeightsAreRenormalised() {
        CompositeScore score = CompositeScore.of(items(), null, CompositeWeights.DEFAULTS);

        assertEquals(List.of(CompositePart.HUMAN_ACCEPT_RATE), score.missing());
        assertEquals((0.4 * 0.5 + 0.2 * 2 / 3 + 0.2 * 1.0 + 0.1 * 0.5) / 0.9, score.value(), 1e-12);
        assertEquals(4, score.parts().size());
        assertEquals(1.0, score.parts().stream().mapToDouble(CompositeScore.Part::weight).sum(), 1e-12);
        CompositeScore.Part typeErrors = score.parts().get(1);
        assertEquals(CompositePart.TYPE_ERRORS, typeErrors.part());
        assertEquals(2.0 / 3, typeErrors.value(), 1e-12);
        assertEquals(0.2 / 0.9, typeErrors.weight(), 1e-12);
    }

    @Test
    void aHumanAcceptRateCompletesTheScoreWithTheConfiguredWeights() {
        CompositeScore score = CompositeScore.of(items(), 0.7, CompositeWeights.DEFAULTS);

        assertTrue(score.missing().isEmpty());
        assertEquals(0.4 * 0.5 + 0.2 * 2 / 3 + 0.2 * 1.0 + 0.1 * 0.5 + 0.1 * 0.7, score.value(), 1e-12);
        assertEquals(0.1, score.parts().get(4).weight(), 1e-12);
    }

    @Test
    void withNoMeasuresTheScoreIsThePassRate() {
        CompositeScore score = CompositeScore.of(List.of(item(true, null), item(false, Map.of()),
                item(true, Map.of(ItemMetrics.BLEU, 40.0))), null, CompositeWeights.DEFAULTS);

        assertEquals(2.0 / 3, score.value(), 1e-12);
        assertEquals(List.of(CompositePart.TYPE_ERRORS, CompositePart.SECURITY_FINDINGS,
                CompositePart.COMPLEXITY_DELTA, CompositePart.HUMAN_ACCEPT_RATE), score.missing());
        assertEquals(1.0, score.parts().get(0).weight(), 1e-12);
    }

    @Test
    void aPartWeightedZeroCountsForNothing() {
        Map<CompositePart, Double> weights = new EnumMap<>(DEFAULTS);
        weights.put(CompositePart.PASS_AT_1, 0.0);
        CompositeScore score = CompositeScore.of(items(), null, new CompositeWeights(weights));

        assertEquals((0.2 * 2 / 3 + 0.2 * 1.0 + 0.1 * 0.5) / 0.5, score.value(), 1e-12);
        assertEquals(0.0, score.parts().get(0).weight());
    }

    @Test
    void anItemScoresEachMeasureZeroOrOneAndLeavesTheHumanPartOut() {
        CompositeScore item = CompositeScore.ofItem(true, Map.of(ItemMetrics.TYPE_ERRORS, 1.0,
                ItemMetrics.SECURITY_FINDINGS, 0.0), CompositeWeights.DEFAULTS);

        // passed (0.4) and no finding (0.2) count, the type error (0.2) does not; complexity was not measured
        assertEquals(0.6 / 0.8, item.value(), 1e-12);
        assertEquals(List.of(CompositePart.COMPLEXITY_DELTA), item.missing());
        assertEquals(0.0, CompositeScore.ofItem(false, null, CompositeWeights.DEFAULTS).value());
        assertEquals(1.0, CompositeScore.ofItem(true, Map.of(ItemMetrics.COMPLEXITY_DELTA, 0.0),
                CompositeWeights.DEFAULTS).value(), 1e-12);
        assertEquals(0.4 / 0.5, CompositeScore.ofItem(true, Map.of(ItemMetrics.COMPLEXITY_DELTA, 0.5),
                CompositeWeights.DEFAULTS).value(), 1e-12);
    }

    @Test
    void aSuiteOverridesSomeWeightsAndKeepsTheDefaultsForTheRest() {
        SuiteCompositeWeights weights = new SuiteCompositeWeights(DEFAULTS,
                Map.of("secure", Map.of(CompositePart.SECURITY_FINDINGS, 0.5)));

        assertEquals(0.5, weights.of("secure").of(CompositePart.SECURITY_FINDINGS));
        assertEquals(0.4, weights.of("secure").of(CompositePart.PASS_AT_1));
        assertEquals(CompositeWeights.DEFAULTS, weights.of("other"));
        assertEquals(CompositeWeights.DEFAULTS, weights.of(null));
        // the same items score differently under the suite's weights
        double secure = CompositeScore.of(items(), null, weights.of("secure")).value();
        assertEquals((0.4 * 0.5 + 0.2 * 2 / 3 + 0.5 * 1.0 + 0.1 * 0.5) / 1.2, secure, 1e-12);
    }

    @Test
    void aNegativeWeightFailsNamingItsKey() {
        IllegalArgumentException suite = assertThrows(IllegalArgumentException.class,
                () -> new SuiteCompositeWeights(DEFAULTS, Map.of("secure", Map.of(CompositePart.TYPE_ERRORS, -0.1))));
        assertTrue(suite.getMessage().startsWith("evalwatch.composite.suites.\"secure\".weights.type-errors "),
                suite.getMessage());

        Map<CompositePart, Double> negative = new EnumMap<>(DEFAULTS);
        negative.put(CompositePart.HUMAN_ACCEPT_RATE, -1.0);
        IllegalArgumentException defaults = assertThrows(IllegalArgumentException.class,
                () -> new SuiteCompositeWeights(negative, Map.of()));
        assertTrue(defaults.getMessage().startsWith("evalwatch.composite.weights.human-accept-rate "),
                defaults.getMessage());
    }

    @Test
    void weightsThatAreAllZeroFail() {
        Map<CompositePart, Double> zero = new EnumMap<>(CompositePart.class);
        for (CompositePart part : CompositePart.values()) {
            zero.put(part, 0.0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SuiteCompositeWeights(zero, Map.of()));
        assertTrue(e.getMessage().contains("evalwatch.composite.weights.") && e.getMessage().contains("all zero"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SuiteCompositeWeights(DEFAULTS,
                Map.of("s", Map.of(CompositePart.PASS_AT_1, 0.0, CompositePart.TYPE_ERRORS, 0.0,
                        CompositePart.SECURITY_FINDINGS, 0.0, CompositePart.COMPLEXITY_DELTA, 0.0,
                        CompositePart.HUMAN_ACCEPT_RATE, 0.0))));
        assertThrows(IllegalArgumentException.class,
                () -> new CompositeWeights(Map.of(CompositePart.PASS_AT_1, 1.0)), "every part needs a weight");
    }

    static ItemResult item(boolean passed, Map<String, Double> metrics) {
        ItemResult i = new ItemResult();
        i.passed = passed;
        i.metrics = metrics;
        return i;
    }
}
