package io.evalwatch.reporting.drift.simulation;

import io.evalwatch.events.DriftAlert.Signals;
import io.evalwatch.reporting.drift.DriftAnalysis;
import io.evalwatch.reporting.drift.DriftAnalyzer;
import io.evalwatch.reporting.drift.DriftPolicy;
import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.RunSample;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The per-check signals other than RegressionDetected, on unchanged simulated comparisons ({@link SimulatedRuns}):
 * their false-alert rate per check with a one-sided 95% upper bound, and what that implies per stream-year of 52
 * checks against the budget of {@link #BUDGET_PER_YEAR}. Then latency under host trouble: a CPU hog on the
 * generator adds a heavy-tailed delay to every first token of the candidate run (host lag records it), with and
 * without a real vendor slow-down, judged by the rule with host lag and by the same items with host lag unknown
 * (the rule before host lag).
 */
final class SecondaryBenchmark {

    /** Expected false openings per stream-year allowed per secondary signal. */
    static final double BUDGET_PER_YEAR = 0.1;
    static final List<String> SIGNALS = List.of(Signals.LATENCY, Signals.COST, Signals.FORMAT, Signals.SILENT_CHANGE);
    /** The CPU hog's delay: Lomax (Pareto II) with this scale (s) and shape, cut at HOG_CAP. */
    static final double HOG_SCALE = 0.10;
    static final double HOG_SHAPE = 1.2;
    static final double HOG_CAP = 0.4;
    static final double HOST_LAG_NOISE = 0.005;
    static final double VENDOR_SHIFT = 0.150;
    static final int LATENCY_RESAMPLES = 200;

    private SecondaryBenchmark() {
    }

    static void run(int streams, long seed) {
        int comparisons = 2 * streams;
        DriftPolicy policy = DriftPolicy.defaults();
        System.out.println();
        System.out.printf(Locale.ROOT, "== secondary signals on %d unchanged comparisons per item model (seeds %d..), "
                + "policy defaults (%d resamples); budget %.2f false openings per stream-year per signal%n",
                comparisons, seed, policy.bootstrapIterations(), BUDGET_PER_YEAR);
        System.out.printf(Locale.ROOT, "%-34s %-22s %-10s %-22s %-24s %s%n", "item model", "signal", "false",
                "per check [95% upper]", "per 52 checks [upper]", "within budget");
        int[] pooled = new int[SIGNALS.size()];
        for (StreamBenchmark.ItemModel model : StreamBenchmark.MODELS) {
            SimulatedRuns.Scenario scenario = new SimulatedRuns.Scenario(model.name(), 50, 3,
                    DecisionBenchmark.CATEGORIES, model.spread(), 0.80, 0.80);
            AtomicIntegerArray counts = new AtomicIntegerArray(SIGNALS.size());
            IntStream.range(0, comparisons).parallel().forEach(i -> {
                RunSample[] runs = SimulatedRuns.pair(scenario, seed + i);
                DriftAnalysis analysis = DriftAnalyzer.analyze(runs[0], runs[1], policy);
                for (int s = 0; s < SIGNALS.size(); s++) {
                    if (!analysis.findings(SIGNALS.get(s)).isEmpty()) {
                        counts.incrementAndGet(s);
                    }
                }
            });
            for (int s = 0; s < SIGNALS.size(); s++) {
                pooled[s] += counts.get(s);
                budgetLine(model.name(), SIGNALS.get(s), counts.get(s), comparisons);
            }
        }
        for (int s = 0; s < SIGNALS.size(); s++) {
            budgetLine("both models pooled", SIGNALS.get(s), pooled[s], 2 * comparisons);
        }
        latency(streams, seed);
    }

    private static void budgetLine(String model, String signal, int x, int n) {
        double upper = upper95(x, n);
        System.out.printf(Locale.ROOT, "%-34s %-22s %-10s %-22s %-24s %s%n", model, signal, x + "/" + n,
                String.format(Locale.ROOT, "%.5f [%.5f]", x / (double) n, upper),
                String.format(Locale.ROOT, "%.3f [%.3f]", 52.0 * x / n, 52 * upper),
                52 * upper <= BUDGET_PER_YEAR ? "yes" : "NO");
    }

    /** One-sided 95% Clopper-Pearson upper bound of a rate with x events in n trials. */
    static double upper95(int x, int n) {
        return x >= n ? 1.0 : BetaDistribution.of(x + 1, n - x).inverseCumulativeProbability(0.95);
    }

    private static void latency(int comparisons, long seed) {
        DriftPolicy base = DriftPolicy.defaults();
        DriftPolicy strict = policy(base, base.latencyP95Ratio());
        DriftPolicy loose = policy(base, 1.2);
        SimulatedRuns.Scenario scenario = new SimulatedRuns.Scenario("latency", 50, 3, DecisionBenchmark.CATEGORIES,
                0.0, 0.80, 0.80);
        System.out.println();
        System.out.printf(Locale.ROOT, "== latency with host trouble: %d comparisons per case (seeds %d..), "
                + "homogeneous model, %d resamples; CPU hog delay on every candidate first token: "
                + "Lomax(scale %.0f ms, shape %.1f) cut at %.0f ms, host lag = delay + N(0, %.0f ms); vendor shift +%.0f ms on time to first token%n",
                comparisons, seed, LATENCY_RESAMPLES, 1000 * HOG_SCALE, HOG_SHAPE, 1000 * HOG_CAP,
                1000 * HOST_LAG_NOISE, 1000 * VENDOR_SHIFT);
        System.out.printf(Locale.ROOT, "%-44s %-16s %-26s %-26s%n", "case", "p95 threshold", "old rule (no host lag)",
                "new rule (host lag)");
        for (DriftPolicy policy : List.of(strict, loose)) {
            for (Case c : Case.values()) {
                AtomicIntegerArray counts = new AtomicIntegerArray(2);
                IntStream.range(0, comparisons).parallel().forEach(i -> {
                    RunSample[] runs = SimulatedRuns.pair(scenario, seed + i);
                    SplittableRandom random = new SplittableRandom(seed * 31 + i);
                    RunSample baseline = map(runs[0], item -> withLag(item, 0, 0, 0.001 * random.nextDouble()));
                    RunSample candidate = map(runs[1], item -> {
                        double delay = c.hog ? hogDelay(random) : 0.0;
                        double shift = c.vendor ? VENDOR_SHIFT : 0.0;
                        double lag = c.hog ? Math.max(0, delay + HOST_LAG_NOISE * random.nextGaussian())
                                : 0.001 * random.nextDouble();
                        return withLag(item, delay + shift, delay + shift, lag);
                    });
                    if (!DriftAnalyzer.analyze(stripped(baseline), stripped(candidate), policy)
                            .findings(Signals.LATENCY).isEmpty()) {
                        counts.incrementAndGet(0);
                    }
                    if (!DriftAnalyzer.analyze(baseline, candidate, policy).findings(Signals.LATENCY).isEmpty()) {
                        counts.incrementAndGet(1);
                    }
                });
                System.out.printf(Locale.ROOT, "%-44s %-16s %-26s %-26s%n", c.label,
                        String.format(Locale.ROOT, "%.1f%s", policy.latencyP95Ratio(),
                                policy == strict ? " (default)" : ""),
                        StreamBenchmark.rate(hits(counts.get(0), comparisons)),
                        StreamBenchmark.rate(hits(counts.get(1), comparisons)));
            }
        }
    }

    private enum Case {
        HOG("host trouble, vendor unchanged (false rate)", true, false),
        VENDOR("vendor +150 ms, no host trouble (power)", false, true),
        BOTH("vendor +150 ms with host trouble (power)", true, true);

        final String label;
        final boolean hog;
        final boolean vendor;

        Case(String label, boolean hog, boolean vendor) {
            this.label = label;
            this.hog = hog;
            this.vendor = vendor;
        }
    }

    private static DriftPolicy policy(DriftPolicy d, double latencyRatio) {
        return new DriftPolicy(d.alpha(), d.minPassRateDrop(), d.minWeightedAccuracyDrop(), d.strictCategories(),
                d.strictAlpha(), d.strictMinDrop(), latencyRatio, d.costChangeRatio(), d.formatRateChange(),
                LATENCY_RESAMPLES, d.seed(), d.outputLengthChange());
    }

    static double hogDelay(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.min(HOG_CAP, HOG_SCALE * (Math.pow(u, -1 / HOG_SHAPE) - 1));
    }

    private static int[] hits(int x, int n) {
        int[] hits = new int[n];
        for (int i = 0; i < x; i++) {
            hits[i] = 1;
        }
        return hits;
    }

    private static RunSample map(RunSample run, UnaryOperator<ItemOutcome> f) {
        return new RunSample(run.runId(), run.model(), run.suiteVersion(), run.items().stream().map(f).toList());
    }

    private static RunSample stripped(RunSample run) {
        return map(run, i -> new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(), i.weightedAccuracy(),
                i.ttftSeconds(), i.durationSeconds(), i.costUsd(), i.outputTokens(), i.codeFormat(),
                i.systemFingerprint(), i.responseModelId(), i.outputHash(), null));
    }

    private static ItemOutcome withLag(ItemOutcome i, double ttftDelay, double durationDelay, double lag) {
        return new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(), i.weightedAccuracy(),
                i.ttftSeconds() + ttftDelay, i.durationSeconds() + durationDelay, i.costUsd(), i.outputTokens(),
                i.codeFormat(), i.systemFingerprint(), i.responseModelId(), i.outputHash(), lag);
    }
}
