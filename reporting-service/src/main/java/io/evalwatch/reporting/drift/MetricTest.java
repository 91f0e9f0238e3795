package io.evalwatch.reporting.drift;

import java.util.Map;

/**
 * A comparison before multiplicity adjustment: its statistics, whether it is a pre-declared primary test (tested
 * alone at its level) or a secondary one (tested with Benjamini-Hochberg), the verdict it earns if significant (null
 * when the minimum effect is not reached) and whether it counts as an improvement without a test of its own.
 */
record MetricTest(String scope, String metric, double baseline, double candidate, double difference, Double ciLow,
        Double ciHigh, double pValue, boolean primary, double level, String verdictIfSignificant,
        boolean improvement, Map<String, Object> evidence) {

    /** The comparison this test becomes, given its adjusted p-value. */
    Comparison decide(double adjustedPValue) {
        boolean significant = adjustedPValue <= level;
        String verdict = significant && verdictIfSignificant != null ? verdictIfSignificant
                : improvement ? Comparison.IMPROVED : Comparison.UNCHANGED;
        return new Comparison(scope, metric, baseline, candidate, difference, ciLow, ciHigh, pValue, adjustedPValue,
                significant, verdict);
    }
}
