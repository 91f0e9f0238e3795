package io.evalwatch.reporting.drift;

import io.evalwatch.reporting.drift.PairedItems.Pair;
import io.evalwatch.reporting.drift.inference.DistributionShift;
import io.evalwatch.reporting.drift.inference.ResampledDifference;
import io.evalwatch.reporting.drift.inference.TaskDifferences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Latency and cost over all pairs. These belong to the serving stack rather than to a task category, so they are
 * compared once per analysis: slicing them by category would multiply the comparisons (and weaken every test under
 * Benjamini-Hochberg) without telling more.
 */
final class ServingComparisons {

    static final String TTFT = "ttftP95Seconds";
    static final String DURATION = "durationP95Seconds";
    static final String COST = "costPerItemUsd";

    private static final Quantile QUANTILE = Quantile.withDefaults();

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

    /**
     * A latency comparison on vendor-attributable times: each item's time minus its host lag (the generator's own
     * scheduling lag and GC pauses while it waited for the first token; null = 0), floored at 0. Slower when the
     * one-sided Mann-Whitney U on those times is significant, their p95 ratio reaches the threshold and, where host lag
     * was measured, the raw mean shift exceeds the host-lag mean shift (the slow-down is more than the generator's
     * own delay explains). Without any host lag this is the plain comparison of the raw times.
     */
    private static Optional<MetricTest> latency(String metric, List<Pair> pairs,
            Function<ItemOutcome, Double> timing, DriftPolicy policy) {
        Timed baseline = Timed.of(pairs.stream().map(Pair::baseline).toList(), timing);
        Timed candidate = Timed.of(pairs.stream().map(Pair::candidate).toList(), timing);
        if (baseline.raw().length < MIN_SAMPLES || candidate.raw().length < MIN_SAMPLES) {
            return Optional.empty();
        }
        DistributionShift.Result shift = DistributionShift.of(baseline.vendor(), candidate.vendor());
        boolean lagMeasured = baseline.lagMeasured() || candidate.lagMeasured();
        double rawShift = mean(candidate.raw()) - mean(baseline.raw());
        double lagShift = mean(candidate.lag()) - mean(baseline.lag());
        boolean beyondHostLag = !lagMeasured || rawShift > lagShift;
        double ratio = shift.p95Ratio();
        double medianShift = shift.candidateMedian() - shift.baselineMedian();
        // a tail that grew by the ratio, or (for the first token) a whole distribution moved by a fixed delay: a
        // vendor's +150 ms on a 350 ms median is a 1.4x median but may stay under the p95 ratio
        boolean large = ratio >= policy.latencyP95Ratio()
                || TTFT.equals(metric) && medianShift >= policy.ttftMedianShiftSeconds();
        double level = policy.alpha();
        String verdict = large && beyondHostLag ? Comparison.REGRESSED : null;
        boolean improvement = ratio <= 1 / policy.latencyP95Ratio() && shift.pLess() <= level;
        Evidence evidence = Evidence.of()
                .put("baseline", Evidence.of().put("median", shift.baselineMedian()).put("p95", shift.baselineP95())
                        .put("items", shift.baselineCount()))
                .put("candidate", Evidence.of().put("median", shift.candidateMedian()).put("p95", shift.candidateP95())
                        .put("items", shift.candidateCount()))
                .put("p95Ratio", ratio)
                .put("medianShift", medianShift)
                .put("p", shift.pGreater())
                .put("test", lagMeasured ? "Mann-Whitney U, one-sided (slower), on time minus host lag"
                        : "Mann-Whitney U, one-sided (slower)")
                .put("ks", Evidence.of().put("d", shift.ksStatistic()).put("p", shift.ksP()))
                .put("threshold", policy.latencyP95Ratio());
        if (TTFT.equals(metric)) {
            evidence.put("medianShiftThreshold", policy.ttftMedianShiftSeconds());
        }
        if (lagMeasured) {
            evidence.put("raw", Evidence.of()
                            .put("baselineP95", quantile95(baseline.raw()))
                            .put("candidateP95", quantile95(candidate.raw()))
                            .put("p95Ratio", quantile95(candidate.raw()) / quantile95(baseline.raw()))
                            .put("meanShift", rawShift))
                    .put("hostLag", Evidence.of()
                            .put("baselineMean", mean(baseline.lag()))
                            .put("candidateMean", mean(candidate.lag()))
                            .put("baselineP95", quantile95(baseline.lag()))
                            .put("candidateP95", quantile95(candidate.lag()))
                            .put("meanShift", lagShift))
                    .put("beyondHostLag", beyondHostLag);
        }
        return Optional.of(new MetricTest(Scopes.ALL, metric, shift.baselineP95(), shift.candidateP95(),
                shift.candidateP95() - shift.baselineP95(), null, null, shift.pGreater(), false, level, verdict,
                improvement, evidence.map()));
    }

    /** The timed items of one run: raw times, host lag (null = 0) and vendor-attributable times max(0, raw - lag). */
    private record Timed(double[] raw, double[] lag, double[] vendor, boolean lagMeasured) {

        static Timed of(List<ItemOutcome> items, Function<ItemOutcome, Double> timing) {
            List<ItemOutcome> timed = items.stream().filter(i -> {
                Double t = timing.apply(i);
                return t != null && Double.isFinite(t);
            }).toList();
            double[] raw = new double[timed.size()];
            double[] lag = new double[timed.size()];
            double[] vendor = new double[timed.size()];
            boolean measured = false;
            for (int k = 0; k < raw.length; k++) {
                ItemOutcome item = timed.get(k);
                raw[k] = timing.apply(item);
                Double hostLag = item.hostLagSeconds();
                measured |= hostLag != null;
                lag[k] = hostLag != null && Double.isFinite(hostLag) && hostLag > 0 ? hostLag : 0.0;
                vendor[k] = Math.max(0.0, raw[k] - lag[k]);
            }
            return new Timed(raw, lag, vendor, measured);
        }
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0.0);
    }

    private static double quantile95(double[] values) {
        return values.length == 0 ? Double.NaN : QUANTILE.evaluate(values, 0.95);
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
