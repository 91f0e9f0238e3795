package io.evalwatch.reporting.drift;

import io.evalwatch.reporting.composite.CompositeScore;
import io.evalwatch.reporting.composite.CompositeWeights;
import io.evalwatch.reporting.drift.PairedItems.Pair;
import io.evalwatch.reporting.drift.inference.McNemarTest;
import io.evalwatch.reporting.drift.inference.PairedProportionInterval;
import io.evalwatch.reporting.drift.inference.ResampledDifference;
import io.evalwatch.reporting.drift.inference.TaskDifferences;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Pass rate, weighted accuracy and composite score of one scope, each tested for a drop. */
final class QualityComparisons {

    static final String PASS_RATE = "passRate";
    static final String WEIGHTED_ACCURACY = "weightedAccuracy";
    static final String COMPOSITE = "composite";

    // the weighted accuracy spans [-1, 1], twice the range of a rate, so its strict minimum drop is twice the rate's
    private static final double WEIGHTED_ACCURACY_SCALE = 2.0;
    private static final double TOLERANCE = 1e-9;

    private QualityComparisons() {
    }

    /** The three quality tests of a scope; primaryPassRate makes its pass-rate test a pre-declared primary one. */
    static List<MetricTest> of(String scope, List<Pair> pairs, DriftPolicy policy, boolean primaryPassRate) {
        boolean strict = DriftAnalyzer.isStrictCategory(scope, policy);
        double level = strict ? policy.strictAlpha() : policy.alpha();
        double rateDrop = strict ? policy.strictMinDrop() : policy.minPassRateDrop();
        double accuracyDrop = strict ? WEIGHTED_ACCURACY_SCALE * policy.strictMinDrop()
                : policy.minWeightedAccuracyDrop();
        return List.of(
                passRate(scope, pairs, level, primaryPassRate, rateDrop),
                resampled(scope, WEIGHTED_ACCURACY, pairs, level, policy, ItemOutcome::weightedAccuracy, accuracyDrop),
                resampled(scope, COMPOSITE, onCommonMeasures(pairs), level, policy, QualityComparisons::composite,
                        rateDrop));
    }

    /**
     * The pairs with each side's measures cut to those both sides took: a baseline stored before the analysers'
     * measures existed (or with an analyser switched off) must not make the candidate's composite look worse only
     * because it is made of more parts.
     */
    static List<Pair> onCommonMeasures(List<Pair> pairs) {
        return pairs.stream().map(p -> {
            Map<String, Double> b = p.baseline().metrics();
            Map<String, Double> c = p.candidate().metrics();
            if (b.keySet().equals(c.keySet())) {
                return p;
            }
            return new Pair(withMeasures(p.baseline(), c.keySet()), withMeasures(p.candidate(), b.keySet()));
        }).toList();
    }

    private static ItemOutcome withMeasures(ItemOutcome item, java.util.Set<String> keep) {
        Map<String, Double> common = new java.util.HashMap<>(item.metrics());
        common.keySet().retainAll(keep);
        return new ItemOutcome(item.taskId(), item.sample(), item.category(), item.passed(), item.weightedAccuracy(),
                item.ttftSeconds(), item.durationSeconds(), item.costUsd(), item.outputTokens(), item.codeFormat(),
                item.systemFingerprint(), item.responseModelId(), item.outputHash(), item.hostLagSeconds(), common);
    }

    /**
     * The composite score of an item (CompositeScore.ofItem): passed, no type error, no security finding, no more
     * complex than the reference, each 0 or 1, with the default weights renormalised over the measures taken. The
     * defaults, not a suite's own weights: both runs of a pair are weighed alike, and the drift policy carries none.
     */
    static double composite(ItemOutcome item) {
        double value = CompositeScore.ofItem(item.passed(), item.metrics(), CompositeWeights.DEFAULTS).value();
        // NaN only under weights that give every measured part zero; pass/fail is then the item's score
        return Double.isNaN(value) ? (item.passed() ? 1.0 : 0.0) : value;
    }

    private static MetricTest passRate(String scope, List<Pair> pairs, double level, boolean primary,
            double minDrop) {
        return share(scope, PASS_RATE, pairs, ItemOutcome::passed, level, primary, minDrop);
    }

    /** A paired test of the share of items with a good property (passed, free of findings) for a drop. */
    static MetricTest share(String scope, String metric, List<Pair> pairs, java.util.function.Predicate<ItemOutcome> good,
            double level, boolean primary, double minDrop) {
        PairedCounts counts = PairedCounts.of(pairs, good);
        int worse = counts.baselineOnly();
        int better = counts.candidateOnly();
        McNemarTest.Result test = McNemarTest.oneSided(worse, better);
        // an improvement needs its own significant test: more pairs got better than worse
        double improvementP = McNemarTest.oneSided(better, worse).midP();
        PairedProportionInterval.Interval ci =
                PairedProportionInterval.of(counts.both(), better, worse, counts.neither(), 1 - level);
        Evidence details = Evidence.of()
                .put("pExact", test.exactP())
                .put("test", "McNemar exact mid-p, one-sided (drop)" + (primary ? ", primary" : ""))
                .put("pairs", counts.pairs())
                .put("tasks", PairedItems.taskCount(pairs))
                .put("discordant", Evidence.of().put("worse", worse).put("better", better))
                .put("pImprovement", improvementP);
        return drop(scope, metric, counts.baselineShare(), counts.candidateShare(), ci.low(), ci.high(),
                test.midP(), primary, level, minDrop, details, improvementP <= level);
    }

    static MetricTest resampled(String scope, String metric, List<Pair> pairs, double level,
            DriftPolicy policy, ToDoubleFunction<ItemOutcome> score, double minDrop) {
        TaskDifferences differences = PairedItems.differences(pairs, score);
        double baseline = pairs.stream().mapToDouble(p -> score.applyAsDouble(p.baseline())).average().orElse(0.0);
        double candidate = pairs.stream().mapToDouble(p -> score.applyAsDouble(p.candidate())).average().orElse(0.0);
        ResampledDifference r = ResampledDifference.of(differences, ResampledDifference.Direction.LOWER, 1 - level,
                policy.bootstrapIterations(), DriftAnalyzer.seedOf(policy, scope, metric));
        Evidence details = Evidence.of()
                .put("test", "paired sign-flip over tasks, one-sided (drop); interval: task bootstrap")
                .put("pairs", pairs.size())
                .put("tasks", differences.tasks());
        // the two-sided interval above 0 is the improvement's test (at half the level, one-sided)
        return drop(scope, metric, baseline, candidate, r.low(), r.high(), r.p(), false, level, minDrop, details,
                true);
    }

    /**
     * A drop test: regressed if significant with a drop of at least minDrop; improved if the interval is above 0, the
     * rise is at least minDrop and the improvement's own test (improvementSignificant) is significant.
     */
    private static MetricTest drop(String scope, String metric, double baseline, double candidate, double low,
            double high, double p, boolean primary, double level, double minDrop, Evidence details,
            boolean improvementSignificant) {
        double difference = candidate - baseline;
        String verdict = -difference >= minDrop - TOLERANCE ? Comparison.REGRESSED : null;
        boolean improvement = improvementSignificant && low > 0 && difference >= minDrop - TOLERANCE;
        Evidence evidence = Evidence.of()
                .put("baseline", baseline)
                .put("candidate", candidate)
                .put("difference", difference)
                .put("ci", Evidence.interval(low, high))
                .put("confidence", 1 - level)
                .put("p", p)
                .putAll(details)
                .put("minDrop", minDrop);
        return new MetricTest(scope, metric, baseline, candidate, difference, low, high, p, primary, level, verdict,
                improvement, evidence.map());
    }
}
