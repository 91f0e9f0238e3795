package io.evalwatch.reporting.drift.simulation;

import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.RunSample;
import io.evalwatch.reporting.drift.inference.McNemarTest;
import io.evalwatch.reporting.drift.stream.StreamAssessment;
import io.evalwatch.reporting.drift.stream.StreamAssessment.State;
import io.evalwatch.reporting.drift.stream.StreamDetector;
import io.evalwatch.reporting.drift.stream.StreamPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Detection across the checks of simulated comparison streams: weekly runs of 50 tasks x 3 samples of a model whose
 * items pass independently with their task's probability (the item model of {@link SimulatedRuns}, homogeneous or
 * heterogeneous tasks), judged by {@link StreamDetector} and, on the same runs, by today's per-check rule (one-sided
 * McNemar mid-p at alpha 0.05 with a minimum drop of 0.05 against a baseline that moves to every run without a
 * regression) and the naive rule (alert when the pass rate is 5 points below that ratcheting baseline). Then the
 * false-alert budget of the secondary signals and the latency rule under host trouble: see {@link
 * SecondaryBenchmark}. Run as a program it prints the figures of bench/drift/RESULTS.md; arguments: streams per
 * case and the first seed.
 */
public final class StreamBenchmark {

    static final int TASKS = 50;
    static final int SAMPLES = 3;
    static final double IN_CONTROL = 0.80;
    static final double DEGRADED = 0.65;
    static final int YEAR = 52;
    static final int RUN_LENGTH_CAP = 1040;
    static final int CHANGE_WEEK = 20;
    static final int DECAY_WEEKS = 15;
    static final int DECAY_DEADLINE = 10;
    /** Early steps: the change comes at these weeks, while the calibration window is still filling. */
    static final int[] EARLY_WEEKS = {1, 3};
    /** Early steps are followed for this many checks from the change on. */
    static final int EARLY_CHECKS = 3;
    static final double ALPHA = 0.05;
    static final double MIN_DROP = 0.05;
    /** Sensitivity check only: sd of a weekly shift of every task's logit (-Dstreams.weeklyLogitSd; default 0). */
    static final double WEEKLY_LOGIT_SD = Double.parseDouble(System.getProperty("streams.weeklyLogitSd", "0"));

    private StreamBenchmark() {
    }

    /** An item model: logit spread of task difficulty (0 = every task at the model's rate). */
    public record ItemModel(String name, double spread) {
    }

    /** The three rules compared. */
    enum Rule { STREAM, TODAY, NAIVE }

    /** One simulated stream: fixed task difficulties, one seeded random source for its weekly runs. */
    static final class SimulatedStream {

        private final ItemModel model;
        private final double[] difficulty = new double[TASKS];
        private final SplittableRandom random;
        private final List<boolean[]> outcomes = new ArrayList<>();
        private final List<RunSample> runs = new ArrayList<>();
        private final IntToDoubleFunction rateOfWeek;
        private static final String[] TASK_IDS = IntStream.range(0, TASKS)
                .mapToObj(t -> String.format("task-%03d", t)).toArray(String[]::new);

        SimulatedStream(ItemModel model, long seed, IntToDoubleFunction rateOfWeek) {
            this.model = model;
            this.random = new SplittableRandom(seed);
            this.rateOfWeek = rateOfWeek;
            for (int t = 0; t < TASKS; t++) {
                difficulty[t] = random.nextGaussian();
            }
        }

        /** Runs up to and including week w (week 0 = the reference). */
        void generateTo(int week) {
            while (outcomes.size() <= week) {
                int w = outcomes.size();
                double rate = rateOfWeek.applyAsDouble(w);
                // optional week-to-week variation of the model's level beyond item noise (a sensitivity check)
                double weekShift = WEEKLY_LOGIT_SD > 0 ? WEEKLY_LOGIT_SD * random.nextGaussian() : 0.0;
                boolean[] passed = new boolean[TASKS * SAMPLES];
                List<ItemOutcome> items = new ArrayList<>(TASKS * SAMPLES);
                for (int t = 0; t < TASKS; t++) {
                    double p = shifted(SimulatedRuns.passProbability(rate, model.spread(), difficulty[t]), weekShift);
                    for (int s = 0; s < SAMPLES; s++) {
                        boolean ok = random.nextDouble() < p;
                        passed[t * SAMPLES + s] = ok;
                        items.add(new ItemOutcome(TASK_IDS[t], s, "all", ok, ok ? 1.0 : -1.0, null, null, 0.0, 100,
                                "fenced", null, null, null, null));
                    }
                }
                outcomes.add(passed);
                runs.add(new RunSample("week-" + w, "sim-model", "1.0.0", items));
            }
        }

        private static double shifted(double p, double logitShift) {
            if (logitShift == 0 || p <= 0 || p >= 1) {
                return p;
            }
            return 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + logitShift)));
        }

        List<RunSample> runs(int lastWeek) {
            generateTo(lastWeek);
            return runs.subList(0, lastWeek + 1);
        }

        boolean[] outcome(int week) {
            generateTo(week);
            return outcomes.get(week);
        }

        /** The true in-control pass rate of this stream's items (its tasks' mean pass probability at 0.80). */
        double trueInControl() {
            double sum = 0;
            for (int t = 0; t < TASKS; t++) {
                sum += SimulatedRuns.passProbability(IN_CONTROL, model.spread(), difficulty[t]);
            }
            return sum / TASKS;
        }
    }

    /** Per week 1..n: whether an alert was opened at the week, and whether one is open after it. */
    record Alerts(boolean[] opened, boolean[] open) {

        int openings(int from, int to) {
            int n = 0;
            for (int w = from; w <= to; w++) {
                n += opened[w] ? 1 : 0;
            }
            return n;
        }

        int firstOpening() {
            for (int w = 1; w < opened.length; w++) {
                if (opened[w]) {
                    return w;
                }
            }
            return -1;
        }

        boolean openAnywhere(int from, int to) {
            for (int w = from; w <= to; w++) {
                if (open[w]) {
                    return true;
                }
            }
            return false;
        }
    }

    static Alerts stream(SimulatedStream s, int weeks, StreamPolicy policy) {
        StreamAssessment a = StreamDetector.assess(s.runs(weeks), policy);
        boolean[] opened = new boolean[weeks + 1];
        boolean[] open = new boolean[weeks + 1];
        List<StreamAssessment.Check> checks = a.checks();
        boolean isOpen = false;
        for (int w = 1; w <= weeks; w++) {
            StreamAssessment.Check c = checks.get(w - 1);
            opened[w] = c.alarm();
            isOpen = switch (c.state()) {
                case ALARM, OUT_OF_CONTROL -> true;
                case RECOVERED, IN_CONTROL, CALIBRATING -> false;
                case TOO_FEW -> isOpen;
            };
            open[w] = isOpen;
        }
        return new Alerts(opened, open);
    }

    /** Today's rule (naive = false) or the naive 5-point rule, against a baseline that ratchets. */
    static Alerts ratchet(SimulatedStream s, int weeks, boolean naive) {
        boolean[] opened = new boolean[weeks + 1];
        int baseline = 0;
        for (int w = 1; w <= weeks; w++) {
            boolean[] b = s.outcome(baseline);
            boolean[] c = s.outcome(w);
            int worse = 0;
            int better = 0;
            for (int i = 0; i < b.length; i++) {
                worse += b[i] && !c[i] ? 1 : 0;
                better += !b[i] && c[i] ? 1 : 0;
            }
            double drop = (worse - better) / (double) b.length;
            boolean alert = naive ? drop >= MIN_DROP - 1e-9
                    : drop >= MIN_DROP - 1e-9 && McNemarTest.oneSided(worse, better).midP() <= ALPHA;
            opened[w] = alert;
            if (!alert) {
                baseline = w;
            }
        }
        // every alerting check raises its own alert today
        return new Alerts(opened, opened.clone());
    }

    static Alerts alerts(Rule rule, SimulatedStream s, int weeks, StreamPolicy policy) {
        return switch (rule) {
            case STREAM -> stream(s, weeks, policy);
            case TODAY -> ratchet(s, weeks, false);
            case NAIVE -> ratchet(s, weeks, true);
        };
    }

    /** Weeks to the first alert, capped (a stream without one by the cap counts as the cap). */
    static int runLength(Rule rule, SimulatedStream s, StreamPolicy policy) {
        if (rule != Rule.STREAM) {
            Alerts a = alerts(rule, s, RUN_LENGTH_CAP, policy);
            int first = a.firstOpening();
            return first < 0 ? RUN_LENGTH_CAP : first;
        }
        // the chart is causal, so judging a prefix gives the same first alarm; grow the prefix to save time
        for (int weeks = 64; ; weeks = Math.min(RUN_LENGTH_CAP, weeks * 2)) {
            int first = stream(s, weeks, policy).firstOpening();
            if (first > 0) {
                return first;
            }
            if (weeks == RUN_LENGTH_CAP) {
                return RUN_LENGTH_CAP;
            }
        }
    }

    static double step(int week) {
        return week >= CHANGE_WEEK ? DEGRADED : IN_CONTROL;
    }

    static IntToDoubleFunction earlyStep(int changeWeek) {
        return week -> week >= changeWeek ? DEGRADED : IN_CONTROL;
    }

    static double decay(int week) {
        int j = week - CHANGE_WEEK + 1;
        return j <= 0 ? IN_CONTROL : IN_CONTROL - (IN_CONTROL - DEGRADED) * Math.min(j, DECAY_WEEKS) / DECAY_WEEKS;
    }

    /**
     * The figures of one rule in one item model; early[e][j] = 1 when the early step at EARLY_WEEKS[e] has an alert
     * open by its (j + 1)-th check; levelBias: the frozen in-control level minus the true one in the unchanged
     * streams (NaN for the ratcheting rules).
     */
    record Figures(double[] openingsPerYear, int[] runLengths, int[] firstAtStep, int[] bySecond, int[] byDecay,
            int[] falseBeforeChange, int[][][] early, double[] levelBias) {
    }

    static Figures figures(Rule rule, ItemModel model, int streams, long seed, StreamPolicy policy) {
        double[] openings = new double[streams];
        int[] runLengths = new int[streams];
        int[] atStep = new int[streams];
        int[] bySecond = new int[streams];
        int[] byDecay = new int[streams];
        int[] falseBefore = new int[streams];
        int[][][] early = new int[EARLY_WEEKS.length][EARLY_CHECKS][streams];
        double[] levelBias = new double[streams];
        IntStream.range(0, streams).parallel().forEach(i -> {
            SimulatedStream year = new SimulatedStream(model, seed + i, w -> IN_CONTROL);
            openings[i] = alerts(rule, year, YEAR, policy).openings(1, YEAR);
            levelBias[i] = rule == Rule.STREAM ? frozenLevel(year, policy) - year.trueInControl() : Double.NaN;
            runLengths[i] = runLength(rule, new SimulatedStream(model, seed + 1_000_003L + i, w -> IN_CONTROL),
                    policy);
            SimulatedStream stepped = new SimulatedStream(model, seed + 2_000_006L + i, StreamBenchmark::step);
            Alerts a = alerts(rule, stepped, CHANGE_WEEK + 1, policy);
            atStep[i] = a.open()[CHANGE_WEEK] ? 1 : 0;
            bySecond[i] = a.openAnywhere(CHANGE_WEEK, CHANGE_WEEK + 1) ? 1 : 0;
            falseBefore[i] = a.openings(1, CHANGE_WEEK - 1) > 0 ? 1 : 0;
            SimulatedStream decaying = new SimulatedStream(model, seed + 3_000_009L + i, StreamBenchmark::decay);
            Alerts d = alerts(rule, decaying, CHANGE_WEEK + DECAY_DEADLINE - 1, policy);
            byDecay[i] = d.openAnywhere(CHANGE_WEEK, CHANGE_WEEK + DECAY_DEADLINE - 1) ? 1 : 0;
            for (int e = 0; e < EARLY_WEEKS.length; e++) {
                int change = EARLY_WEEKS[e];
                SimulatedStream changed = new SimulatedStream(model, seed + (4 + e) * 1_000_003L + i,
                        earlyStep(change));
                Alerts x = alerts(rule, changed, change + EARLY_CHECKS - 1, policy);
                for (int j = 0; j < EARLY_CHECKS; j++) {
                    early[e][j][i] = x.openAnywhere(change, change + j) ? 1 : 0;
                }
            }
        });
        return new Figures(openings, runLengths, atStep, bySecond, byDecay, falseBefore, early, levelBias);
    }

    /**
     * The in-control level an unchanged stream's chart ends its year with (the frozen level of the year's last
     * judged check, the check's items being all of the reference's), or NaN when none was judged.
     */
    static double frozenLevel(SimulatedStream s, StreamPolicy policy) {
        List<StreamAssessment.Check> checks = StreamDetector.assess(s.runs(YEAR), policy).checks();
        for (int j = checks.size() - 1; j >= 0; j--) {
            if (checks.get(j).inControlPassRate() != null) {
                return checks.get(j).inControlPassRate();
            }
        }
        return Double.NaN;
    }

    static final List<ItemModel> MODELS = List.of(new ItemModel("homogeneous", 0.0),
            new ItemModel("heterogeneous (logit sd 1.5)", 1.5));

    public static void main(String[] args) {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20260101L;
        long started = System.nanoTime();
        List<StreamPolicy> policies = new ArrayList<>();
        policies.add(StreamPolicy.defaults());
        String extra = System.getProperty("streams.policies", "");
        for (String spec : extra.split(";")) {
            if (!spec.isBlank()) {
                String[] p = spec.split(",");
                policies.add(StreamPolicy.defaults().withLimits(Integer.parseInt(p[0].trim()),
                        Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3]))
                        .withBetweenRunVariance(p.length > 4 ? "1".equals(p[4].trim())
                                : StreamPolicy.defaults().betweenRunVariance())
                        .withAdmissionZ(p.length > 5 ? admission(p[5].trim()) : StreamPolicy.defaults().admissionZ()));
            }
        }
        boolean rules = !Boolean.getBoolean("streams.skipRules");
        System.out.printf(Locale.ROOT, "stream detection benchmark: %d simulated streams per case and item model "
                + "(seeds from %d), %d tasks x %d samples a weekly check, in control %.2f; step and decay to %.2f "
                + "from week %d%s%n", streams, seed, TASKS, SAMPLES, IN_CONTROL, DEGRADED, CHANGE_WEEK,
                WEEKLY_LOGIT_SD > 0 ? String.format(Locale.ROOT, "; weekly logit shift sd %.2f", WEEKLY_LOGIT_SD)
                        : "");
        for (ItemModel model : MODELS) {
            System.out.println();
            System.out.println("== " + model.name());
            System.out.printf(Locale.ROOT, "%-52s %-24s %-30s %-10s %-22s %-22s %-22s %-18s%n", "rule",
                    "openings / 52 checks", "ARL0 (weeks, cap " + RUN_LENGTH_CAP + ")", "P(<=52)",
                    "step: at 1st check", "step: by 2nd check", "decay: by week " + DECAY_DEADLINE,
                    "level bias (pts)");
            List<String> names = new ArrayList<>();
            List<Figures> all = new ArrayList<>();
            for (StreamPolicy policy : policies) {
                names.add(String.format(Locale.ROOT, "stream W=%d k=%.2f h=%.2f L=%.2f%s%s",
                        policy.calibrationRuns(), policy.cusumAllowance(), policy.cusumLimit(),
                        policy.shewhartLimit(), policy.betweenRunVariance() ? " +between" : "",
                        Double.isInfinite(policy.admissionZ()) ? " no admission"
                                : String.format(Locale.ROOT, " admit |z|<=%.2f", policy.admissionZ())));
                all.add(figures(Rule.STREAM, model, streams, seed, policy));
            }
            if (rules) {
                names.add("today: McNemar mid-p 0.05, ratcheting");
                all.add(figures(Rule.TODAY, model, streams, seed, null));
                names.add("naive: 5 points below ratcheting");
                all.add(figures(Rule.NAIVE, model, streams, seed, null));
            }
            for (int r = 0; r < all.size(); r++) {
                print(names.get(r), all.get(r));
            }
            System.out.println();
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-52s", "early step (rule)"));
            for (int week : EARLY_WEEKS) {
                for (int j = 1; j <= EARLY_CHECKS; j++) {
                    header.append(String.format(Locale.ROOT, " %-22s",
                            "wk " + week + ": " + (j == 1 ? "at 1st" : "by " + ordinal(j))));
                }
            }
            System.out.println(header.toString().stripTrailing());
            for (int r = 0; r < all.size(); r++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-52s", names.get(r)));
                for (int e = 0; e < EARLY_WEEKS.length; e++) {
                    for (int j = 0; j < EARLY_CHECKS; j++) {
                        row.append(String.format(Locale.ROOT, " %-22s", rate(all.get(r).early()[e][j])));
                    }
                }
                System.out.println(row.toString().stripTrailing());
            }
        }
        if (!Boolean.getBoolean("streams.skipSecondary")) {
            SecondaryBenchmark.run(streams, seed);
        }
        System.out.printf(Locale.ROOT, "%nelapsed %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static double admission(String value) {
        return "inf".equalsIgnoreCase(value) || "none".equalsIgnoreCase(value) ? Double.POSITIVE_INFINITY
                : Double.parseDouble(value);
    }

    private static String ordinal(int n) {
        return n + (n == 1 ? "st" : n == 2 ? "nd" : n == 3 ? "rd" : "th");
    }

    private static void print(String rule, Figures f) {
        int n = f.runLengths().length;
        double meanOpenings = Arrays.stream(f.openingsPerYear()).average().orElse(0);
        double sdOpenings = sd(Arrays.stream(f.openingsPerYear()).toArray());
        double[] rl = Arrays.stream(f.runLengths()).asDoubleStream().toArray();
        double meanRl = Arrays.stream(rl).average().orElse(0);
        double sdRl = sd(rl);
        long capped = Arrays.stream(f.runLengths()).filter(r -> r >= RUN_LENGTH_CAP).count();
        int within = (int) Arrays.stream(f.runLengths()).filter(r -> r <= YEAR).count();
        double[] bias = Arrays.stream(f.levelBias()).filter(Double::isFinite).toArray();
        String levelBias = bias.length == 0 ? "-" : String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]",
                100 * Arrays.stream(bias).average().orElse(0),
                100 * (Arrays.stream(bias).average().orElse(0) - 1.96 * sd(bias) / Math.sqrt(bias.length)),
                100 * (Arrays.stream(bias).average().orElse(0) + 1.96 * sd(bias) / Math.sqrt(bias.length)));
        System.out.printf(Locale.ROOT, "%-52s %-24s %-30s %-10s %-22s %-22s %-22s %-18s%n", rule,
                String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", meanOpenings,
                        Math.max(0, meanOpenings - 1.96 * sdOpenings / Math.sqrt(n)),
                        meanOpenings + 1.96 * sdOpenings / Math.sqrt(n)),
                String.format(Locale.ROOT, "%s%.0f [%.0f, %.0f]%s", capped > 0 ? ">=" : "", meanRl,
                        meanRl - 1.96 * sdRl / Math.sqrt(n), meanRl + 1.96 * sdRl / Math.sqrt(n),
                        capped > 0 ? " " + capped + " capped" : ""),
                String.format(Locale.ROOT, "%.3f", within / (double) n),
                rate(f.firstAtStep()), rate(f.bySecond()), rate(f.byDecay()), levelBias);
    }

    static String rate(int[] hits) {
        int x = Arrays.stream(hits).sum();
        double[] ci = DecisionBenchmark.wilson(x, hits.length);
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", x / (double) hits.length, ci[0], ci[1]);
    }

    static double sd(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        double ss = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return values.length < 2 ? 0 : Math.sqrt(ss / (values.length - 1));
    }
}
