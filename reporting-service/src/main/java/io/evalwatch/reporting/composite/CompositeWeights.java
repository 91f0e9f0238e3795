package io.evalwatch.reporting.composite;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The weight of each composite part; validated: non-negative, finite, not all zero. */
public record CompositeWeights(Map<CompositePart, Double> weights) {

    public static final CompositeWeights DEFAULTS = new CompositeWeights(Map.of(
            CompositePart.PASS_AT_1, 0.40,
            CompositePart.TYPE_ERRORS, 0.20,
            CompositePart.SECURITY_FINDINGS, 0.20,
            CompositePart.COMPLEXITY_DELTA, 0.10,
            CompositePart.HUMAN_ACCEPT_RATE, 0.10));

    public CompositeWeights {
        weights = Collections.unmodifiableMap(new EnumMap<>(checked(weights, "")));
    }

    public double of(CompositePart part) {
        return weights.get(part);
    }

    /**
     * Weights read from configuration under keyPrefix (e.g. {@code evalwatch.composite.weights.}); a wrong value
     * fails with the key that holds it.
     */
    public static CompositeWeights validated(Map<CompositePart, Double> weights, String keyPrefix) {
        return new CompositeWeights(checked(weights, keyPrefix));
    }

    private static Map<CompositePart, Double> checked(Map<CompositePart, Double> weights, String keyPrefix) {
        double total = 0;
        for (CompositePart part : CompositePart.values()) {
            Double w = weights.get(part);
            if (w == null) {
                throw new IllegalArgumentException(keyPrefix + part.key() + " is missing: every composite part needs a weight");
            }
            if (!Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException(keyPrefix + part.key() + " must be a non-negative number, is " + w);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException(keyPrefix + "* are all zero: at least one composite weight must be positive");
        }
        return weights;
    }
}
