package io.evalwatch.reporting.drift.inference;

import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * How a sample of a positive quantity (a latency, an output length) moved between two runs: Mann-Whitney U in both
 * one-sided directions and two-sided (location shift), the two-sample Kolmogorov-Smirnov test (any change of shape),
 * and the medians and 95th percentiles with their ratio. The Kolmogorov-Smirnov figures are NaN when a sample has
 * fewer than two values.
 */
public final class DistributionShift {

    private static final Quantile QUANTILE = Quantile.withDefaults();
    private static final MannWhitneyUTest MWU = MannWhitneyUTest.withDefaults();
    private static final KolmogorovSmirnovTest KS = KolmogorovSmirnovTest.withDefaults();

    private DistributionShift() {
    }

    /** Compares candidate with baseline; both need at least one value. */
    public static Result of(double[] baseline, double[] candidate) {
        if (baseline.length == 0 || candidate.length == 0) {
            throw new IllegalArgumentException("both samples need values");
        }
        double[] b = QUANTILE.evaluate(baseline, 0.5, 0.95);
        double[] c = QUANTILE.evaluate(candidate, 0.5, 0.95);
        double greater = pValue(MWU.with(AlternativeHypothesis.GREATER_THAN).test(candidate, baseline).getPValue());
        double less = pValue(MWU.with(AlternativeHypothesis.LESS_THAN).test(candidate, baseline).getPValue());
        double twoSided = pValue(MWU.test(candidate, baseline).getPValue());
        if (baseline.length < 2 || candidate.length < 2) {
            return new Result(baseline.length, candidate.length, b[0], c[0], b[1], c[1], greater, less, twoSided,
                    Double.NaN, Double.NaN);
        }
        KolmogorovSmirnovTest.TwoResult ks = KS.test(candidate, baseline);
        return new Result(baseline.length, candidate.length, b[0], c[0], b[1], c[1], greater, less, twoSided,
                ks.getStatistic(), pValue(ks.getPValue()));
    }

    // when every value is tied the rank statistic has no variance and the library answers NaN: no evidence of a shift
    private static double pValue(double p) {
        return Double.isNaN(p) ? 1.0 : p;
    }

    /**
     * The comparison.
     *
     * @param pGreater Mann-Whitney p-value for "the candidate is larger"
     * @param pLess Mann-Whitney p-value for "the candidate is smaller"
     * @param pTwoSided Mann-Whitney two-sided p-value
     * @param ksStatistic the largest distance between the two empirical distribution functions
     * @param ksP the Kolmogorov-Smirnov two-sided p-value
     */
    public record Result(int baselineCount, int candidateCount, double baselineMedian, double candidateMedian,
            double baselineP95, double candidateP95, double pGreater, double pLess, double pTwoSided,
            double ksStatistic, double ksP) {

        /** candidate p95 / baseline p95, or NaN when the baseline p95 is not positive. */
        public double p95Ratio() {
            return baselineP95 > 0 ? candidateP95 / baselineP95 : Double.NaN;
        }

        /** candidate median / baseline median, or NaN when the baseline median is not positive. */
        public double medianRatio() {
            return baselineMedian > 0 ? candidateMedian / baselineMedian : Double.NaN;
        }
    }
}
