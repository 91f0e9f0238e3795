package io.evalwatch.reporting.drift.inference;

/**
 * Paired differences (candidate minus baseline) grouped by task: the sum of the differences of a task's pairs and how
 * many pairs it has. Tasks are the unit of resampling because the samples of one task share its difficulty, so they
 * are not independent of each other; tasks are.
 */
public record TaskDifferences(double[] sums, int[] pairs) {

    public TaskDifferences {
        if (sums.length != pairs.length) {
            throw new IllegalArgumentException("one sum and one pair count per task");
        }
        sums = sums.clone();
        pairs = pairs.clone();
    }

    public int tasks() {
        return sums.length;
    }

    /** The mean difference over all pairs. */
    public double meanDifference() {
        double total = 0;
        long count = 0;
        for (int t = 0; t < sums.length; t++) {
            total += sums[t];
            count += pairs[t];
        }
        return count == 0 ? 0.0 : total / count;
    }
}
