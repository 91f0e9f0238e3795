package io.evalwatch.reporting.drift;

import io.evalwatch.events.PromptVariant;
import io.evalwatch.reporting.drift.inference.McNemarTest;
import io.evalwatch.reporting.drift.inference.PairedProportionInterval;
import io.evalwatch.reporting.drift.inference.PairedTaskBootstrap;
import io.evalwatch.reporting.drift.inference.TaskDifferences;
import java.util.Locale;

/**
 * One prompt variant against another (base) on the same tasks of one model in one run, paired by (task, sample): the
 * pass/fail difference with McNemar's exact two-sided test on the discordant pairs and Newcombe's interval, and the
 * weighted score difference with a paired task-bootstrap interval. Which variant wins is decided by the pass/fail
 * test at {@link #LEVEL}; when few-shot beats base significantly and cuts the error rate (1 − pass rate) by more
 * than {@link #PROMPTING_PROBLEM_CUT} relative to base, the comparison says so: a prompting problem, not a model
 * problem. The method is written up in package-info ("Prompt variants").
 */
public final class VariantComparison {

    /** Two-sided level of the pass/fail test and 1 − confidence of both intervals. */
    public static final double LEVEL = 0.05;
    /** The relative error-rate cut beyond which few-shot marks a prompting problem. */
    public static final double PROMPTING_PROBLEM_CUT = 0.30;
    static final int BOOTSTRAP_ITERATIONS = 4000;

    private VariantComparison() {
    }

    /**
     * @param variant the variant's items, as its pass rate and score are compared
     * @param against the items of the variant it is compared with (base)
     * @param againstName, variantName the two variants' names
     * @param pairs pairs matched by (task, sample)
     * @param discordant pairs that passed on one side only: better (variant only), worse (against only)
     * @param pExact McNemar's exact two-sided p-value (conservative: what "significant" reads)
     * @param passRateDifference variant minus against, with its Newcombe interval
     * @param weightedDifference mean paired weighted score difference, with its task-bootstrap interval
     * @param errorRateCut (error against − error variant) / error against; null when against made no error
     * @param winner the variant with the higher pass rate when the test is significant, null otherwise
     * @param conclusion one sentence: who wins by how much, with the interval, or that the difference is not
     *     significant
     * @param promptingProblem the prompting-problem sentence, null when it does not apply
     */
    public record Result(String variantName, String againstName, int pairs, long tasks, double passRate,
            double againstPassRate, double passRateDifference, double passRateLow, double passRateHigh, int better,
            int worse, double pExact, double midP, boolean significant, double weightedDifference,
            double weightedLow, double weightedHigh, double errorRate, double againstErrorRate, Double errorRateCut,
            String winner, String conclusion, String promptingProblem) {
    }

    public static Result compare(RunSample against, RunSample variant, String againstName, String variantName,
            long seed) {
        PairedItems paired = PairedItems.acrossVariants(against, variant);
        PairedCounts counts = PairedCounts.of(paired.all(), ItemOutcome::passed);
        int better = counts.candidateOnly();
        int worse = counts.baselineOnly();
        McNemarTest.Result test = McNemarTest.twoSided(better, worse);
        PairedProportionInterval.Interval passCi = PairedProportionInterval.of(counts.both(), better, worse,
                counts.neither(), 1 - LEVEL);
        TaskDifferences differences = PairedItems.differences(paired.all(), ItemOutcome::weightedAccuracy);
        double[] weightedCi = PairedTaskBootstrap.interval(differences, 1 - LEVEL, BOOTSTRAP_ITERATIONS, seed);
        double passRate = counts.candidateShare();
        double againstPassRate = counts.baselineShare();
        double errorRate = 1 - passRate;
        double againstErrorRate = 1 - againstPassRate;
        Double cut = againstErrorRate <= 0 ? null : (againstErrorRate - errorRate) / againstErrorRate;
        boolean significant = counts.pairs() > 0 && test.exactP() < LEVEL && better != worse;
        String winner = !significant ? null : better > worse ? variantName : againstName;
        String conclusion = conclusion(variantName, againstName, winner, passRate - againstPassRate, passCi,
                test.exactP(), differences.meanDifference(), weightedCi);
        String prompting = PromptVariant.FEW_SHOT.id().equals(variantName) && PromptVariant.BASE.id()
                .equals(againstName) && variantName.equals(winner) && cut != null && cut > PROMPTING_PROBLEM_CUT
                ? String.format(Locale.ROOT, "%s cuts the error rate by %.0f %% (from %s to %s): a prompting problem,"
                        + " not a model problem", variantName, 100 * cut, percent(againstErrorRate), percent(errorRate))
                : null;
        return new Result(variantName, againstName, counts.pairs(), PairedItems.taskCount(paired.all()), passRate,
                againstPassRate, passRate - againstPassRate, passCi.low(), passCi.high(), better, worse,
                test.exactP(), test.midP(), significant, differences.meanDifference(), weightedCi[0], weightedCi[1],
                errorRate, againstErrorRate, cut, winner, conclusion, prompting);
    }

    private static String conclusion(String variant, String against, String winner, double difference,
            PairedProportionInterval.Interval ci, double p, double weighted, double[] weightedCi) {
        String figures = String.format(Locale.ROOT, "pass rate %+.1f points (95 %% CI %+.1f to %+.1f, McNemar exact"
                + " p = %.3g), weighted score %+.3f (95 %% CI %+.3f to %+.3f)", 100 * difference, 100 * ci.low(),
                100 * ci.high(), p, weighted, weightedCi[0], weightedCi[1]);
        if (winner == null) {
            return "no significant difference between " + variant + " and " + against + ": " + figures;
        }
        return winner + " wins over " + (winner.equals(variant) ? against : variant) + ": " + variant + " against "
                + against + " " + figures;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }
}
