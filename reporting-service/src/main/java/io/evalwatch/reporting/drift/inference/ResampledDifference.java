package io.evalwatch.reporting.drift.inference;

/**
 * A mean paired difference with its sign-flip p-value and task-bootstrap interval, both seeded from one seed.
 *
 * @param p the sign-flip p-value for the requested direction
 * @param low lower end of the two-sided bootstrap interval
 * @param high upper end of the two-sided bootstrap interval
 */
public record ResampledDifference(double mean, double p, double low, double high) {

    /** Which difference the p-value is evidence of. */
    public enum Direction { LOWER, HIGHER, EITHER }

    public static ResampledDifference of(TaskDifferences differences, Direction direction, double confidence,
            int iterations, long seed) {
        double p = switch (direction) {
            case LOWER -> SignFlipTest.lower(differences, iterations, seed);
            case HIGHER -> SignFlipTest.higher(differences, iterations, seed);
            case EITHER -> SignFlipTest.twoSided(differences, iterations, seed);
        };
        double[] ci = PairedTaskBootstrap.interval(differences, confidence, iterations, seed + 1);
        return new ResampledDifference(differences.meanDifference(), p, ci[0], ci[1]);
    }
}
