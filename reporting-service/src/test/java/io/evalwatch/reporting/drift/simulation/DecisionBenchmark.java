package io.evalwatch.reporting.drift.simulation;

import io.evalwatch.reporting.drift.DriftAnalysis;
import io.evalwatch.reporting.drift.DriftAnalyzer;
import io.evalwatch.reporting.drift.DriftPolicy;
import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.RunSample;
import io.evalwatch.reporting.drift.inference.McNemarTest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Runs the drift decision on seeded simulated comparisons, without the pipeline, and counts how often each rule
 * alerts: the procedure (any RegressionDetected), its primary test with the conventional exact p-value instead of
 * the mid-p value, and the naive fixed-threshold rules (alert when the pass rate fell by 5 points, or by 5% of
 * itself). Run as a program it prints the figures of bench/drift/RESULTS.md.
 */
public final class DecisionBenchmark {

    public static final List<String> CATEGORIES = List.of("dates", "lists", "math", "parsing", "strings");
    public static final List<String> CATEGORIES_WITH_SECURITY =
            List.of("dates", "lists", "math", "parsing", "security");
    public static final double NAIVE_DROP = 0.05;

    private DecisionBenchmark() {
    }

    /** How many of the comparisons each rule alerted on. */
    public record Counts(int comparisons, int procedure, int exactPrimary, int naiveAbsolute, int naiveRelative,
            int anyFinding) {

        Counts plus(Counts o) {
            return new Counts(comparisons + o.comparisons, procedure + o.procedure, exactPrimary + o.exactPrimary,
                    naiveAbsolute + o.naiveAbsolute, naiveRelative + o.naiveRelative, anyFinding + o.anyFinding);
        }
    }

    /** Runs comparisons of the scenario, comparison i seeded with seed + i; the same seed gives the same counts. */
    public static Counts run(SimulatedRuns.Scenario scenario, int comparisons, long seed, DriftPolicy policy) {
        return IntStream.range(0, comparisons).parallel()
                .mapToObj(i -> one(scenario, seed + i, policy))
                .reduce(new Counts(0, 0, 0, 0, 0, 0), Counts::plus);
    }

    private static Counts one(SimulatedRuns.Scenario scenario, long seed, DriftPolicy policy) {
        RunSample[] runs = SimulatedRuns.pair(scenario, seed);
        DriftAnalysis analysis = DriftAnalyzer.analyze(runs[0], runs[1], policy);
        Map<String, Boolean> baseline = new HashMap<>();
        runs[0].items().forEach(i -> baseline.put(i.taskId() + "#" + i.sample(), i.passed()));
        int worse = 0;
        int better = 0;
        for (ItemOutcome c : runs[1].items()) {
            boolean b = baseline.get(c.taskId() + "#" + c.sample());
            worse += b && !c.passed() ? 1 : 0;
            better += !b && c.passed() ? 1 : 0;
        }
        double base = passRate(runs[0]);
        double cand = passRate(runs[1]);
        double drop = base - cand;
        boolean exact = McNemarTest.oneSided(worse, better).exactP() <= policy.alpha()
                && drop >= policy.minPassRateDrop() - 1e-9;
        return new Counts(1, analysis.regressed() ? 1 : 0, exact ? 1 : 0, drop >= NAIVE_DROP - 1e-9 ? 1 : 0,
                base > 0 && drop / base >= NAIVE_DROP - 1e-9 ? 1 : 0, analysis.findings().isEmpty() ? 0 : 1);
    }

    private static double passRate(RunSample run) {
        return run.items().stream().filter(ItemOutcome::passed).count() / (double) run.items().size();
    }

    /** The 95% Wilson interval of x alerts in n comparisons. */
    public static double[] wilson(int x, int n) {
        double z = 1.959963984540054;
        double p = (double) x / n;
        double denominator = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * Exact (no simulation) alert probability of the one-sided McNemar rule for homogeneous tasks: discordant pairs
     * are Binomial(n, pw + pb), the worse ones among them Binomial(d, pw / (pw + pb)).
     */
    public static double exactHomogeneous(double baseline, double candidate, int pairs, double alpha, double minDrop,
            boolean midP) {
        double pw = baseline * (1 - candidate);
        double pb = (1 - baseline) * candidate;
        BinomialDistribution discordant = BinomialDistribution.of(pairs, pw + pb);
        double total = 0;
        for (int d = 0; d <= pairs; d++) {
            double pd = discordant.probability(d);
            if (pd < 1e-15) {
                continue;
            }
            BinomialDistribution worse = BinomialDistribution.of(d, pw / (pw + pb));
            for (int w = 0; w <= d; w++) {
                McNemarTest.Result r = McNemarTest.oneSided(w, d - w);
                double p = midP ? r.midP() : r.exactP();
                if (p <= alpha && (2.0 * w - d) / pairs >= minDrop - 1e-9) {
                    total += pd * worse.probability(w);
                }
            }
        }
        return total;
    }

    /** Exact alert probability of "alert when the pass rate fell by at least drop" for homogeneous tasks. */
    public static double exactNaive(double baseline, double candidate, int pairs, double drop) {
        double pw = baseline * (1 - candidate);
        double pb = (1 - baseline) * candidate;
        BinomialDistribution discordant = BinomialDistribution.of(pairs, pw + pb);
        double total = 0;
        for (int d = 0; d <= pairs; d++) {
            BinomialDistribution worse = BinomialDistribution.of(d, pw / (pw + pb));
            for (int w = 0; w <= d; w++) {
                if ((2.0 * w - d) / pairs >= drop - 1e-9) {
                    total += discordant.probability(d) * worse.probability(w);
                }
            }
        }
        return total;
    }

    public static void main(String[] args) {
        int comparisons = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20250101L;
        DriftPolicy policy = DriftPolicy.defaults();
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "drift decision benchmark: %d seeded comparisons per case (seeds %d..%d), "
                + "50 tasks x 3 samples, categories %s, policy defaults (alpha %.2f, min drop %.2f, %d resamples)%n%n",
                comparisons, seed, seed + comparisons - 1, CATEGORIES, policy.alpha(), policy.minPassRateDrop(),
                policy.bootstrapIterations());
        List<SimulatedRuns.Scenario> scenarios = List.of(
                new SimulatedRuns.Scenario("homogeneous (every task p)", 50, 3, CATEGORIES, 0.0, 0.80, 0.65),
                new SimulatedRuns.Scenario("heterogeneous (logit-normal task difficulty, sd 1.5)", 50, 3, CATEGORIES,
                        1.5, 0.80, 0.65),
                new SimulatedRuns.Scenario("homogeneous, one of 5 categories is 'security' (strict policy)", 50, 3,
                        CATEGORIES_WITH_SECURITY, 0.0, 0.80, 0.65));
        for (SimulatedRuns.Scenario scenario : scenarios) {
            Counts unchanged = run(scenario.unchanged(), comparisons, seed, policy);
            Counts changed = run(scenario, comparisons, seed, policy);
            System.out.println("== " + scenario.name());
            System.out.printf(Locale.ROOT, "%-58s %-28s %-28s%n", "rule", "false alert rate (0.80=0.80)",
                    "power (0.80 -> 0.65)");
            line("procedure (RegressionDetected)", unchanged.procedure(), changed.procedure(), comparisons);
            line("  primary with conventional exact McNemar p", unchanged.exactPrimary(), changed.exactPrimary(),
                    comparisons);
            line("naive: alert on a 5-point pass-rate drop", unchanged.naiveAbsolute(), changed.naiveAbsolute(),
                    comparisons);
            line("naive: alert on a 5% relative pass-rate drop", unchanged.naiveRelative(), changed.naiveRelative(),
                    comparisons);
            line("any finding of any signal", unchanged.anyFinding(), changed.anyFinding(), comparisons);
            System.out.println();
        }
        System.out.println("== exact, homogeneous, 150 pairs (no simulation)");
        System.out.printf(Locale.ROOT, "McNemar mid-p one-sided (the primary test): size %.4f, power %.4f%n",
                exactHomogeneous(0.80, 0.80, 150, 0.05, 0.05, true),
                exactHomogeneous(0.80, 0.65, 150, 0.05, 0.05, true));
        System.out.printf(Locale.ROOT, "McNemar conventional exact one-sided:       size %.4f, power %.4f%n",
                exactHomogeneous(0.80, 0.80, 150, 0.05, 0.05, false),
                exactHomogeneous(0.80, 0.65, 150, 0.05, 0.05, false));
        System.out.printf(Locale.ROOT, "naive 5-point drop:                         size %.4f, power %.4f%n",
                exactNaive(0.80, 0.80, 150, 0.05), exactNaive(0.80, 0.65, 150, 0.05));
        System.out.printf(Locale.ROOT, "%nelapsed %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void line(String rule, int falseAlerts, int detections, int n) {
        System.out.printf(Locale.ROOT, "%-58s %-28s %-28s%n", rule, rate(falseAlerts, n), rate(detections, n));
    }

    private static String rate(int x, int n) {
        double[] ci = wilson(x, n);
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", (double) x / n, ci[0], ci[1]);
    }
}
