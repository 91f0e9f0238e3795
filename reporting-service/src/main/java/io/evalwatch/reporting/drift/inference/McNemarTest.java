package io.evalwatch.reporting.drift.inference;

import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * McNemar's test for paired binary outcomes, from the exact binomial distribution of the discordant pairs: under
 * "no change" each discordant pair is equally likely to go either way, so
 * {@code worse ~ Binomial(worse + better, 1/2)}.
 *
 * <p>Both the conventional exact p-value and the mid-p value (the exact tail with half the probability of the
 * observed count) are given. The conventional one is conservative because the binomial is discrete: at a nominal 5%
 * its actual size is nearer 4% at 150 pairs. The mid-p value keeps the size at or under the nominal level on average
 * over the spread of discordant counts while recovering that lost power (Fagerland, Lydersen and Laake, BMC Medical
 * Research Methodology 13:91, 2013).
 */
public final class McNemarTest {

    private McNemarTest() {
    }

    /**
     * The test of "more pairs got worse than better".
     *
     * @param worse pairs that passed in the baseline and failed in the candidate
     * @param better pairs that failed in the baseline and passed in the candidate
     */
    public static Result oneSided(int worse, int better) {
        double[] tail = upperTail(worse, better);
        return new Result(worse, better, Math.min(1.0, tail[0]), Math.min(1.0, tail[0] - 0.5 * tail[1]));
    }

    /** The test of "the two directions differ", for questions with no better side (a format share moved). */
    public static Result twoSided(int firstOnly, int secondOnly) {
        // the null distribution is symmetric, so doubling the upper tail of the larger count is the exact two-sided
        // p-value
        double[] tail = upperTail(Math.max(firstOnly, secondOnly), Math.min(firstOnly, secondOnly));
        return new Result(firstOnly, secondOnly, Math.min(1.0, 2 * tail[0]),
                Math.min(1.0, 2 * (tail[0] - 0.5 * tail[1])));
    }

    /** {P(X >= k), P(X = k)} for X ~ Binomial(k + other, 1/2); {1, 0} with no discordant pair (no evidence). */
    private static double[] upperTail(int k, int other) {
        if (k < 0 || other < 0) {
            throw new IllegalArgumentException("discordant counts must be non-negative: " + k + ", " + other);
        }
        if (k + other == 0) {
            return new double[] {1.0, 0.0};
        }
        BinomialDistribution null0 = BinomialDistribution.of(k + other, 0.5);
        return new double[] {null0.survivalProbability(k - 1), null0.probability(k)};
    }

    /** The discordant counts and both p-values. */
    public record Result(int first, int second, double exactP, double midP) {
    }
}
