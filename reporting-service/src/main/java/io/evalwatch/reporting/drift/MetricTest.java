package io.evalwatch.reporting.drift;

import java.util.Map;

/**
 * A comparison before multiplicity adjustment: its statistics, whether it is a pre-declared primary test (tested
 * alone at its level) or a secondary one (tested with Benjamini-Hochberg), the verdict it earns if significant (null
 * when the minimum effect is not reached) and whether it is a significant improvement by a test of its own (the
 * improvement's own test must already be significant: no "improved" without significance). A test of a scope with
 * too few pairs or tasks has verdictIfSignificant {@link Comparison#TOO_FEW}: it is not tested and never
 * significant.
 */
record MetricTest(String scope, String metric, double baseline, double candidate, double difference, Double ciLow,
        Double ciHigh, double pValue, boolean primary, double level, String verdictIfSignificant,
        boolean improvement, Map<String, Object> evidence) {

    /** The comparison this test becomes, given its adjusted p-value. */
    Comparison decide(double adjustedPValue) {
        if (tooFew()) {
            return new Comparison(scope, metric, baseline, candidate, difference, null, null, pValue, pValue, false,
                    Comparison.TOO_FEW, String.valueOf(evidence.get("note")));
        }
        boolean significant = adjustedPValue <= level;
        String verdict = significant && verdictIfSignificant != null ? verdictIfSignificant
                : improvement ? Comparison.IMPROVED : Comparison.UNCHANGED;
        return new Comparison(scope, metric, baseline, candidate, difference, ciLow, ciHigh, pValue, adjustedPValue,
                significant, verdict);
    }

    /** Whether the scope was too small to test. */
    boolean tooFew() {
        return Comparison.TOO_FEW.equals(verdictIfSignificant);
    }

    /** This comparison, untested because its scope has too few pairs or tasks: no interval, p 1, a note. */
    MetricTest asTooFew(int pairs, long tasks) {
        Evidence details = Evidence.of();
        evidence.forEach((k, v) -> {
            if (!"ci".equals(k) && !"p".equals(k) && !"adjustedP".equals(k)) {
                details.put(k, v);
            }
        });
        details.put("pairs", pairs).put("tasks", tasks).put("note", Comparison.tooFewNote(pairs));
        return new MetricTest(scope, metric, baseline, candidate, difference, null, null, 1.0, primary, level,
                Comparison.TOO_FEW, false, details.map());
    }
}
