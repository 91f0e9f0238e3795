package io.evalwatch.reporting.drift.inference;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Newcombe's square-and-add interval for the difference of two paired proportions (Newcombe 1998, method 10): Wilson
 * score limits of each proportion, combined with the estimated correlation between them. It is closed-form, never
 * leaves [-1, 1] in practice, and keeps close to nominal coverage with few discordant pairs, where a Wald interval
 * collapses and a percentile bootstrap undercovers.
 */
public final class PairedProportionInterval {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private PairedProportionInterval() {
    }

    /**
     * The two-sided interval for {@code P(second passes) - P(first passes)}, e.g. candidate minus baseline.
     *
     * @param both pairs where both passed
     * @param secondOnly pairs where only the second passed
     * @param firstOnly pairs where only the first passed
     * @param neither pairs where neither passed
     * @param confidence e.g. 0.95
     */
    public static Interval of(int both, int secondOnly, int firstOnly, int neither, double confidence) {
        int n = both + secondOnly + firstOnly + neither;
        if (n == 0) {
            return new Interval(0.0, -1.0, 1.0);
        }
        double z = STANDARD_NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
        int secondPassed = both + secondOnly;
        int firstPassed = both + firstOnly;
        double p2 = (double) secondPassed / n;
        double p1 = (double) firstPassed / n;
        double[] w2 = wilson(secondPassed, n, z);
        double[] w1 = wilson(firstPassed, n, z);
        double phi = correlation(both, secondOnly, firstOnly, neither, n);
        double estimate = p2 - p1;
        double lower = estimate - Math.sqrt(square(p2 - w2[0]) + square(w1[1] - p1)
                - 2 * phi * (p2 - w2[0]) * (w1[1] - p1));
        double upper = estimate + Math.sqrt(square(p1 - w1[0]) + square(w2[1] - p2)
                - 2 * phi * (p1 - w1[0]) * (w2[1] - p2));
        return new Interval(estimate, Math.max(-1.0, lower), Math.min(1.0, upper));
    }

    /** The Wilson score interval of x successes in n trials. */
    static double[] wilson(int x, int n, double z) {
        double p = (double) x / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    // phi with Newcombe's continuity adjustment of a positive association, as in his method 10
    private static double correlation(int both, int secondOnly, int firstOnly, int neither, int n) {
        double marginals = (double) (both + secondOnly) * (firstOnly + neither) * (both + firstOnly)
                * (secondOnly + neither);
        if (marginals == 0) {
            return 0.0;
        }
        double a = (double) both * neither - (double) secondOnly * firstOnly;
        double adjusted = a > n / 2.0 ? a - n / 2.0 : a >= 0 ? 0.0 : a;
        return adjusted / Math.sqrt(marginals);
    }

    private static double square(double x) {
        return x * x;
    }

    /** An estimate with its two-sided interval. */
    public record Interval(double estimate, double low, double high) {
    }
}
