package io.evalwatch.reporting.stats;

import java.util.List;

/**
 * The unbiased pass@k estimator of Chen et al. (2021): for a task with n samples of which c passed, the chance
 * that at least one of k samples drawn without replacement passes is 1 - C(n-c, k) / C(n, k). A suite's pass@k
 * is the mean over its tasks.
 */
public final class PassAtK {

    private PassAtK() {
    }

    /** pass@k of one task; k must not exceed n. */
    public static double ofTask(int n, int c, int k) {
        if (k < 1 || k > n || c < 0 || c > n) {
            throw new IllegalArgumentException("need 1 <= k <= n and 0 <= c <= n, got n=" + n + " c=" + c + " k=" + k);
        }
        if (n - c < k) {
            return 1.0;
        }
        // C(n-c, k) / C(n, k) = prod_{i=n-c+1}^{n} (1 - k / i), stable for large n
        double allFail = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allFail *= 1.0 - (double) k / i;
        }
        return 1.0 - allFail;
    }

    /** Mean pass@k over tasks, each given as {samples, passed}; tasks with fewer than k samples are left out. */
    public static double mean(List<int[]> tasks, int k) {
        return tasks.stream().filter(t -> t[0] >= k).mapToDouble(t -> ofTask(t[0], t[1], k)).average().orElse(Double.NaN);
    }
}
