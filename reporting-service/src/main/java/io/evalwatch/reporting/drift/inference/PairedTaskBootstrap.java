package io.evalwatch.reporting.drift.inference;

import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Percentile bootstrap interval for a mean paired difference, resampling whole tasks with replacement (a cluster
 * bootstrap: it keeps the correlation between the samples of a task). Seeded, so the same data give the same
 * interval.
 */
public final class PairedTaskBootstrap {

    private static final Quantile QUANTILE = Quantile.withDefaults();

    private PairedTaskBootstrap() {
    }

    /** The two-sided percentile interval {low, high} at the given confidence. */
    public static double[] interval(TaskDifferences differences, double confidence, int iterations, long seed) {
        int tasks = differences.tasks();
        if (tasks == 0) {
            return new double[] {0.0, 0.0};
        }
        double[] sums = differences.sums();
        int[] pairs = differences.pairs();
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[iterations];
        for (int b = 0; b < iterations; b++) {
            double total = 0;
            long count = 0;
            for (int k = 0; k < tasks; k++) {
                int t = random.nextInt(tasks);
                total += sums[t];
                count += pairs[t];
            }
            means[b] = count == 0 ? 0.0 : total / count;
        }
        double tail = (1 - confidence) / 2;
        return QUANTILE.evaluate(means, tail, 1 - tail);
    }
}
