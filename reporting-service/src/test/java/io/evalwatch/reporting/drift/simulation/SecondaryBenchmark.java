package io.evalwatch.reporting.drift.simulation;

import io.evalwatch.events.DriftAlert.Signals;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.reporting.drift.Comparison;
import io.evalwatch.reporting.drift.DriftAnalysis;
import io.evalwatch.reporting.drift.DriftAnalyzer;
import io.evalwatch.reporting.drift.DriftPolicy;
import io.evalwatch.reporting.drift.Finding;
import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.RunSample;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The per-check signals other than RegressionDetected, on unchanged simulated comparisons ({@link SimulatedRuns}):
 * their false-alert rate per check with a one-sided 95% upper bound, and what that implies per stream-year of 52
 * checks against the budget of {@link #BUDGET_PER_YEAR}; for QualitySignalsShift also which measure opened it, and
 * its power when the candidate really changed (a third of its items gain a security finding; chrF 20 points lower).
 * Then latency under host trouble: a CPU hog on the generator adds a heavy-tailed delay to every first token of the
 * candidate run (host lag records it), with and without a real vendor slow-down, judged by the rule with host lag
 * and by the same items with host lag unknown (the rule before host lag). Run as a program (arguments: streams,
 * first seed) it prints the same sections as StreamBenchmark does after its streams.
 */
final class SecondaryBenchmark {

    /** Expected false openings per stream-year allowed per secondary signal. */
    static final double BUDGET_PER_YEAR = 0.1;
    static final List<String> SIGNALS = List.of(Signals.LATENCY, Signals.COST, Signals.FORMAT, Signals.SILENT_CHANGE,
            Signals.QUALITY_SIGNALS);
    /** The real changes QualitySignalsShift should open on: this share of items gain a finding; chrF this lower. */
    static final double GAINED_SECURITY_SHARE = 1.0 / 3;
    static final double CHRF_DROP = 20.0;
    /** The comparisons behind QualitySignalsShift, in the order SignalComparisons makes them. */
    static final List<String> QUALITY_MEASURES = List.of("clean:" + ItemMetrics.SECURITY_FINDINGS,
            "clean:" + ItemMetrics.TYPE_ERRORS, "clean:" + ItemMetrics.UNDEFINED_NAMES, ItemMetrics.CHRF,
            ItemMetrics.EDIT_SIMILARITY);
    /** The CPU hog's delay: Lomax (Pareto II) with this scale (s) and shape, cut at HOG_CAP. */
    static final double HOG_SCALE = 0.10;
    static final double HOG_SHAPE = 1.2;
    static final double HOG_CAP = 0.4;
    static final double HOST_LAG_NOISE = 0.005;
    static final double VENDOR_SHIFT = 0.150;
    static final int LATENCY_RESAMPLES = 200;

    private SecondaryBenchmark() {
    }

    public static void main(String[] args) {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20260101L;
        long started = System.nanoTime();
        run(streams, seed);
        System.out.printf(Locale.ROOT, "%nelapsed %.1f s%n", (System.nanoTime() - started) / 1e9);
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
        Map<String, int[]> byMeasure = new HashMap<>();
        for (StreamBenchmark.ItemModel model : StreamBenchmark.MODELS) {
            SimulatedRuns.Scenario scenario = new SimulatedRuns.Scenario(model.name(), 50, 3,
                    DecisionBenchmark.CATEGORIES, model.spread(), 0.80, 0.80);
            AtomicIntegerArray counts = new AtomicIntegerArray(SIGNALS.size());
            AtomicIntegerArray measures = new AtomicIntegerArray(QUALITY_MEASURES.size());
            IntStream.range(0, comparisons).parallel().forEach(i -> {
                RunSample[] runs = SimulatedRuns.pair(scenario, seed + i);
                DriftAnalysis analysis = DriftAnalyzer.analyze(runs[0], runs[1], policy);
                for (int s = 0; s < SIGNALS.size(); s++) {
                    if (!analysis.findings(SIGNALS.get(s)).isEmpty()) {
                        counts.incrementAndGet(s);
                    }
                }
                for (int m = 0; m < QUALITY_MEASURES.size(); m++) {
                    if (regressed(analysis, QUALITY_MEASURES.get(m))) {
                        measures.incrementAndGet(m);
                    }
                }
            });
            for (int s = 0; s < SIGNALS.size(); s++) {
                pooled[s] += counts.get(s);
                budgetLine(model.name(), SIGNALS.get(s), counts.get(s), comparisons);
            }
            int[] pooledMeasures = byMeasure.computeIfAbsent("pooled", k -> new int[QUALITY_MEASURES.size()]);
            int[] own = new int[QUALITY_MEASURES.size()];
            for (int m = 0; m < own.length; m++) {
                own[m] = measures.get(m);
                pooledMeasures[m] += own[m];
            }
            byMeasure.put(model.name(), own);
        }
        for (int s = 0; s < SIGNALS.size(); s++) {
            budgetLine("both models pooled", SIGNALS.get(s), pooled[s], 2 * comparisons);
        }
        System.out.println();
        System.out.printf(Locale.ROOT,
                "%s false openings by the measure that regressed (one opening may have several):%n",
                Signals.QUALITY_SIGNALS);
        for (StreamBenchmark.ItemModel model : StreamBenchmark.MODELS) {
            measureLine(model.name(), byMeasure.get(model.name()), comparisons);
        }
        measureLine("both models pooled", byMeasure.get("pooled"), 2 * comparisons);
        qualityPower(streams, seed);
        latency(streams, seed);
    }

    private static boolean regressed(DriftAnalysis analysis, String metric) {
        return analysis.comparison("all", metric).map(c -> Comparison.REGRESSED.equals(c.verdict())).orElse(false);
    }

    private static void measureLine(String model, int[] counts, int n) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", model));
        for (int m = 0; m < counts.length; m++) {
            line.append(String.format(Locale.ROOT, " %s %d/%d", QUALITY_MEASURES.get(m), counts[m], n));
        }
        System.out.println(line);
    }

    /**
     * Power of QualitySignalsShift: the unchanged pairs again, the candidate changed after the fact (so the rest
     * of both runs is exactly the unchanged comparison): a third of its items, chosen at random, gain 1 to 3
     * security findings (an item that had some keeps at least as many), or every item's chrF is 20 points lower.
     */
    private static void qualityPower(int comparisons, long seed) {
        DriftPolicy policy = DriftPolicy.defaults();
        System.out.println();
        System.out.printf(Locale.ROOT, "== %s power: %d comparisons per case and item model (seeds %d..), policy "
                + "defaults; the candidate changed after drawing an unchanged pair%n", Signals.QUALITY_SIGNALS,
                comparisons, seed);
        System.out.printf(Locale.ROOT, "%-34s %-58s %-26s %-26s%n", "item model", "change", "opened",
                "opened as warning");
        for (StreamBenchmark.ItemModel model : StreamBenchmark.MODELS) {
            SimulatedRuns.Scenario scenario = new SimulatedRuns.Scenario(model.name(), 50, 3,
                    DecisionBenchmark.CATEGORIES, model.spread(), 0.80, 0.80);
            for (QualityChange change : QualityChange.values()) {
                AtomicIntegerArray counts = new AtomicIntegerArray(2);
                IntStream.range(0, comparisons).parallel().forEach(i -> {
                    RunSample[] runs = SimulatedRuns.pair(scenario, seed + i);
                    RunSample candidate = change.apply(runs[1], new SplittableRandom(seed * 17 + i));
                    List<Finding> findings = DriftAnalyzer.analyze(runs[0], candidate, policy)
                            .findings(Signals.QUALITY_SIGNALS);
                    if (!findings.isEmpty()) {
                        counts.incrementAndGet(0);
                    }
                    if (findings.stream().anyMatch(f -> Finding.WARNING.equals(f.severity()))) {
                        counts.incrementAndGet(1);
                    }
                });
                System.out.printf(Locale.ROOT, "%-34s %-58s %-26s %-26s%n", model.name(), change.label,
                        StreamBenchmark.rate(hits(counts.get(0), comparisons)),
                        StreamBenchmark.rate(hits(counts.get(1), comparisons)));
            }
        }
    }

    private enum QualityChange {
        SECURITY("a third of the candidate's items gain a security finding"),
        CHRF("chrF 20 points lower on every candidate item");

        final String label;

        QualityChange(String label) {
            this.label = label;
        }

        RunSample apply(RunSample run, SplittableRandom random) {
            if (this == CHRF) {
                return map(run, i -> withMetric(i, ItemMetrics.CHRF,
                        Math.max(0, i.metrics().get(ItemMetrics.CHRF) - CHRF_DROP)));
            }
            List<ItemOutcome> items = run.items();
            // a random subset of exactly a third of the items (partial Fisher-Yates)
            int[] order = IntStream.range(0, items.size()).toArray();
            int gaining = (int) Math.round(items.size() * GAINED_SECURITY_SHARE);
            boolean[] gains = new boolean[items.size()];
            for (int k = 0; k < gaining; k++) {
                int j = k + random.nextInt(order.length - k);
                int swap = order[k];
                order[k] = order[j];
                order[j] = swap;
                gains[order[k]] = true;
            }
            List<ItemOutcome> changed = IntStream.range(0, items.size()).mapToObj(k -> !gains[k] ? items.get(k)
                    : withMetric(items.get(k), ItemMetrics.SECURITY_FINDINGS,
                            Math.max(items.get(k).metrics().get(ItemMetrics.SECURITY_FINDINGS),
                                    1 + random.nextInt(3)))).toList();
            return new RunSample(run.runId(), run.model(), run.suiteVersion(), changed);
        }
    }

    private static ItemOutcome withMetric(ItemOutcome i, String metric, double value) {
        Map<String, Double> metrics = new HashMap<>(i.metrics());
        metrics.put(metric, value);
        return new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(), i.weightedAccuracy(),
                i.ttftSeconds(), i.durationSeconds(), i.costUsd(), i.outputTokens(), i.codeFormat(),
                i.systemFingerprint(), i.responseModelId(), i.outputHash(), i.hostLagSeconds(), metrics);
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
                i.systemFingerprint(), i.responseModelId(), i.outputHash(), null, i.metrics()));
    }

    private static ItemOutcome withLag(ItemOutcome i, double ttftDelay, double durationDelay, double lag) {
        return new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(), i.weightedAccuracy(),
                i.ttftSeconds() + ttftDelay, i.durationSeconds() + durationDelay, i.costUsd(), i.outputTokens(),
                i.codeFormat(), i.systemFingerprint(), i.responseModelId(), i.outputHash(), lag, i.metrics());
    }
}
