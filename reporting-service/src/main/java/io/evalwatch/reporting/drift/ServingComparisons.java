package io.evalwatch.reporting.drift;

import io.evalwatch.reporting.drift.PairedItems.Pair;
import io.evalwatch.reporting.drift.inference.DistributionShift;
import io.evalwatch.reporting.drift.inference.ResampledDifference;
import io.evalwatch.reporting.drift.inference.TaskDifferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Latency and cost over all pairs. These belong to the serving stack rather than to a task category, so they are
 * compared once per analysis: slicing them by category would multiply the comparisons (and weaken every test under
 * Benjamini-Hochberg) without telling more.
 */
final class ServingComparisons {

    static final String TTFT = "ttftP95Seconds";
    static final String DURATION = "durationP95Seconds";
    static final String COST = "costPerItemUsd";

    /** Fewer values than this per run make a distribution comparison meaningless. */
    static final int MIN_SAMPLES = 5;

    private ServingComparisons() {
    }

    static List<MetricTest> of(List<Pair> pairs, DriftPolicy policy) {
        List<MetricTest> tests = new ArrayList<>();
        latency(TTFT, pairs, ItemOutcome::ttftSeconds, policy).ifPresent(tests::add);
        latency(DURATION, pairs, ItemOutcome::durationSeconds, policy).ifPresent(tests::add);
        cost(pairs, policy).ifPresent(tests::add);
        return tests;
    }

    private static Optional<MetricTest> latency(String metric, List<Pair> pairs,
            Function<ItemOutcome, Double> timing, DriftPolicy policy) {
        double[] baseline = values(pairs.stream().map(Pair::baseline).map(timing).toList());
        double[] candidate = values(pairs.stream().map(Pair::candidate).map(timing).toList());
        if (baseline.length < MIN_SAMPLES || candidate.length < MIN_SAMPLES) {
            return Optional.empty();
        }
        DistributionShift.Result shift = DistributionShift.of(baseline, candidate);
        double ratio = shift.p95Ratio();
        double level = policy.alpha();
        String verdict = ratio >= policy.latencyP95Ratio() ? Comparison.REGRESSED : null;
        boolean improvement = ratio <= 1 / policy.latencyP95Ratio() && shift.pLess() <= level;
        Evidence evidence = Evidence.of()
                .put("baseline", Evidence.of().put("median", shift.baselineMedian()).put("p95", shift.baselineP95())
                        .put("items", shift.baselineCount()))
                .put("candidate", Evidence.of().put("median", shift.candidateMedian()).put("p95", shift.candidateP95())
                        .put("items", shift.candidateCount()))
                .put("p95Ratio", ratio)
                .put("p", shift.pGreater())
                .put("test", "Mann-Whitney U, one-sided (slower)")
                .put("ks", Evidence.of().put("d", shift.ksStatistic()).put("p", shift.ksP()))
                .put("threshold", policy.latencyP95Ratio());
        return Optional.of(new MetricTest(Scopes.ALL, metric, shift.baselineP95(), shift.candidateP95(),
                shift.candidateP95() - shift.baselineP95(), null, null, shift.pGreater(), false, level, verdict,
                improvement, evidence.map()));
    }

    private static Optional<MetricTest> cost(List<Pair> pairs, DriftPolicy policy) {
        double baseline = pairs.stream().mapToDouble(p -> p.baseline().costUsd()).average().orElse(0.0);
        double candidate = pairs.stream().mapToDouble(p -> p.candidate().costUsd()).average().orElse(0.0);
        if (!(baseline > 0)) {
            // a ratio to nothing means nothing; free baselines (local models, the simulator at price 0) are skipped
            return Optional.empty();
        }
        double level = policy.alpha();
        TaskDifferences differences = PairedItems.differences(pairs, ItemOutcome::costUsd);
        ResampledDifference r = ResampledDifference.of(differences, ResampledDifference.Direction.EITHER, 1 - level,
                policy.bootstrapIterations(), DriftAnalyzer.seedOf(policy, Scopes.ALL, COST));
        double ratio = candidate / baseline;
        String verdict = ratio >= 1 + policy.costChangeRatio() ? Comparison.REGRESSED
                : ratio <= 1 - policy.costChangeRatio() ? Comparison.IMPROVED : null;
        Evidence evidence = Evidence.of()
                .put("baseline", baseline)
                .put("candidate", candidate)
                .put("ratio", ratio)
                .put("ci", Evidence.interval(r.low(), r.high()))
                .put("confidence", 1 - level)
                .put("p", r.p())
                .put("test", "paired sign-flip over tasks, two-sided; interval of the difference: task bootstrap")
                .put("pairs", pairs.size())
                .put("threshold", policy.costChangeRatio());
        return Optional.of(new MetricTest(Scopes.ALL, COST, baseline, candidate, candidate - baseline, r.low(),
                r.high(), r.p(), false, level, verdict, false, evidence.map()));
    }

    static double[] values(List<Double> values) {
        return values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).filter(Double::isFinite)
                .toArray();
    }
}
