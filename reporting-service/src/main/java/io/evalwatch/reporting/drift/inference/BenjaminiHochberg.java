package io.evalwatch.reporting.drift.inference;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini-Hochberg adjusted p-values ("q-values"): a comparison is significant at false discovery rate q when its
 * adjusted p-value is at most q. Under the complete null (nothing changed) this also bounds the chance of any
 * false discovery by q.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /** Adjusted p-values in the order of the input. */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        for (double p : pValues) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-values must lie in [0, 1]: " + Arrays.toString(pValues));
            }
        }
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] adjusted = new double[m];
        double running = 1.0;
        // step-up: walk from the largest p-value down, keeping the adjusted values monotone
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }
}
