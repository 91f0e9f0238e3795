package io.evalwatch.reporting.drift.inference;

import java.util.SplittableRandom;

/**
 * Paired randomization test over tasks: if nothing changed, the baseline and candidate answers to a task are
 * exchangeable, so each task's difference is as likely to have either sign. The p-value is the share of random sign
 * assignments whose total difference is at least as extreme as the observed one (Monte Carlo, counted with the
 * observed assignment so it is never 0). Valid for any per-item score, with no distributional assumption.
 */
public final class SignFlipTest {

    private SignFlipTest() {
    }

    /** p-value for "the candidate is lower" (the mean difference is negative). */
    public static double lower(TaskDifferences differences, int iterations, long seed) {
        return run(differences, iterations, seed, Side.LOWER);
    }

    /** p-value for "the candidate is higher". */
    public static double higher(TaskDifferences differences, int iterations, long seed) {
        return run(differences, iterations, seed, Side.HIGHER);
    }

    /** p-value for "the candidate differs" in either direction. */
    public static double twoSided(TaskDifferences differences, int iterations, long seed) {
        return run(differences, iterations, seed, Side.BOTH);
    }

    private enum Side { LOWER, HIGHER, BOTH }

    private static double run(TaskDifferences differences, int iterations, long seed, Side side) {
        double[] sums = differences.sums();
        int tasks = sums.length;
        double observed = 0;
        for (double s : sums) {
            observed += s;
        }
        // a relative tolerance, so flips that reproduce the observed total up to rounding count as "as extreme"
        double tolerance = 1e-9 * (1 + Math.abs(observed));
        SplittableRandom random = new SplittableRandom(seed);
        int extreme = 0;
        for (int b = 0; b < iterations; b++) {
            double total = 0;
            long bits = 0;
            for (int t = 0; t < tasks; t++) {
                if (t % 64 == 0) {
                    bits = random.nextLong();
                }
                total += (bits & 1L) == 0 ? sums[t] : -sums[t];
                bits >>>= 1;
            }
            boolean asExtreme = switch (side) {
                case LOWER -> total <= observed + tolerance;
                case HIGHER -> total >= observed - tolerance;
                case BOTH -> Math.abs(total) >= Math.abs(observed) - tolerance;
            };
            if (asExtreme) {
                extreme++;
            }
        }
        return (extreme + 1.0) / (iterations + 1.0);
    }
}
