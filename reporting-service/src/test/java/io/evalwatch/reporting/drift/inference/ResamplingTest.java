package io.evalwatch.reporting.drift.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResamplingTest {

    @Test
    void bootstrapIntervalContainsTheTrueDifferenceWhenEveryPairDropsTheSame() {
        // 30 tasks x 3 pairs, each pair 0.2 lower: the true mean difference is exactly -0.2
        double[] sums = new double[30];
        int[] pairs = new int[30];
        Arrays.fill(sums, -0.6);
        Arrays.fill(pairs, 3);

        double[] ci = PairedTaskBootstrap.interval(new TaskDifferences(sums, pairs), 0.95, 2000, 7);

        assertEquals(-0.2, ci[0], 1e-12);
        assertEquals(-0.2, ci[1], 1e-12);
    }

    @Test
    void bootstrapIntervalContainsTheMeanOfDifferingTasks() {
        // half the tasks drop 0.1 per pair, half 0.3: the mean is -0.2, the interval must hold it and exclude 0
        double[] sums = new double[40];
        int[] pairs = new int[40];
        for (int t = 0; t < 40; t++) {
            sums[t] = t % 2 == 0 ? -0.3 : -0.9;
            pairs[t] = 3;
        }

        double[] ci = PairedTaskBootstrap.interval(new TaskDifferences(sums, pairs), 0.95, 2000, 7);

        assertTrue(ci[0] < -0.2 && ci[1] > -0.2, Arrays.toString(ci));
        assertTrue(ci[1] < -0.1 && ci[0] > -0.3, Arrays.toString(ci));
    }

    @Test
    void resamplingIsReproducibleWithTheSameSeed() {
        SplittableRandom random = new SplittableRandom(3);
        double[] sums = random.doubles(25, -1, 1).toArray();
        int[] pairs = new int[25];
        Arrays.fill(pairs, 3);
        TaskDifferences d = new TaskDifferences(sums, pairs);

        assertArrayEquals(PairedTaskBootstrap.interval(d, 0.9, 1000, 11),
                PairedTaskBootstrap.interval(d, 0.9, 1000, 11));
        assertEquals(SignFlipTest.lower(d, 1000, 11), SignFlipTest.lower(d, 1000, 11));
    }

    @Test
    void signFlipFindsAConsistentDropAndNotASymmetricOne() {
        double[] drop = new double[20];
        int[] pairs = new int[20];
        Arrays.fill(drop, -1.0);
        Arrays.fill(pairs, 3);
        double[] symmetric = new double[20];
        for (int t = 0; t < 20; t++) {
            symmetric[t] = t % 2 == 0 ? -1.0 : 1.0;
        }

        // all 20 tasks lower: only the observed signs (chance 2^-20) are as extreme, so p = 1 / (B + 1)
        assertEquals(1.0 / 2001, SignFlipTest.lower(new TaskDifferences(drop, pairs), 2000, 5), 1e-9);
        assertTrue(SignFlipTest.higher(new TaskDifferences(drop, pairs), 2000, 5) > 0.99);
        assertTrue(SignFlipTest.lower(new TaskDifferences(symmetric, pairs), 2000, 5) > 0.5);
        assertTrue(SignFlipTest.twoSided(new TaskDifferences(symmetric, pairs), 2000, 5) > 0.99);
    }
}
