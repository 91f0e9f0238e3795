package io.evalwatch.reporting.drift.stream;

import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.RunSample;
import io.evalwatch.reporting.drift.stream.StreamAssessment.Check;
import io.evalwatch.reporting.drift.stream.StreamAssessment.State;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Detection across the checks of a comparison stream: a Phase I / Phase II control chart of the paired pass rate
 * against a fixed reference. See the "Detection across checks" section of the {@code io.evalwatch.reporting.drift}
 * package documentation for the method, its parameters and its measured false alarm rate and detection power.
 * Pure: the same runs and policy give the same assessment.
 */
public final class StreamDetector {

    private static final double Z_BOUND = 8.0;
    private static final double TOLERANCE = 1e-9;
    private static final int RECENT_CHECKS = 8;
    /** A CUSUM alarm's effect: the mean drop of the latest checks (at most this many) since the CUSUM left 0. */
    static final int EFFECT_CHECKS = 4;
    /** The between-run variance is estimated once the calibration window holds this many runs. */
    static final int MIN_RUNS_FOR_BETWEEN = 3;
    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private StreamDetector() {
    }

    /**
     * Assesses the latest of a stream's runs.
     *
     * @param runs the stream's valid runs since its reference, reference first, in time order; the last one is the
     *     run judged now (it may be the reference itself: nothing to judge yet)
     * @param policy the parameters
     */
    public static StreamAssessment assess(List<RunSample> runs, StreamPolicy policy) {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(policy, "policy");
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least its reference run");
        }
        runs.forEach(r -> Objects.requireNonNull(r, "runs must not contain null"));
        Reference reference = Reference.of(runs.get(0));
        Tracker tracker = new Tracker(reference, policy);
        for (int i = 1; i < runs.size(); i++) {
            tracker.judge(runs.get(i));
        }
        return tracker.assessment(runs.get(0).runId());
    }

    /** The reference run's paired keys, flattened: task t owns samples[offsets[t]] .. samples[offsets[t + 1] - 1]. */
    private record Reference(String runId, Map<String, Integer> taskIndex, int[] offsets, int[] samples,
            boolean[] passed) {

        static Reference of(RunSample run) {
            Map<String, List<ItemOutcome>> byTask = new LinkedHashMap<>();
            for (ItemOutcome item : run.items()) {
                if (item.taskId() == null) {
                    throw new IllegalArgumentException("item without taskId in run " + run.runId());
                }
                byTask.computeIfAbsent(item.taskId(), t -> new ArrayList<>()).add(item);
            }
            Map<String, Integer> index = new HashMap<>();
            int[] offsets = new int[byTask.size() + 1];
            int[] samples = new int[run.items().size()];
            boolean[] passed = new boolean[run.items().size()];
            int t = 0;
            int k = 0;
            for (Map.Entry<String, List<ItemOutcome>> e : byTask.entrySet()) {
                List<ItemOutcome> items = new ArrayList<>(e.getValue());
                items.sort((a, b) -> Integer.compare(a.sample(), b.sample()));
                index.put(e.getKey(), t);
                offsets[t] = k;
                for (int j = 0; j < items.size(); j++) {
                    if (j > 0 && items.get(j).sample() == items.get(j - 1).sample()) {
                        throw duplicate(run, e.getKey(), items.get(j).sample());
                    }
                    samples[k] = items.get(j).sample();
                    passed[k] = items.get(j).passed();
                    k++;
                }
                t++;
            }
            offsets[t] = k;
            return new Reference(run.runId(), index, offsets, samples, passed);
        }

        int tasks() {
            return offsets.length - 1;
        }

        int keys() {
            return samples.length;
        }

        /** The flat position of (task, sample), or -1 when the reference has no such key. */
        int position(int task, int sample) {
            for (int k = offsets[task]; k < offsets[task + 1]; k++) {
                if (samples[k] == sample) {
                    return k;
                }
            }
            return -1;
        }
    }

    private static IllegalArgumentException duplicate(RunSample run, String taskId, int sample) {
        return new IllegalArgumentException("run " + run.runId() + " has two items for task " + taskId + " sample "
                + sample + ": a stream holds one prompt variant");
    }

    /** The sequential state of the chart; one judge call per check, in time order. */
    private static final class Tracker {

        private final Reference reference;
        private final StreamPolicy policy;
        private final double[] windowPasses;
        private final int[] windowItems;
        private final List<Check> checks = new ArrayList<>();
        private int windowRuns = 1;
        private double cusum;
        private final double[] excursionDrops = new double[EFFECT_CHECKS];
        private int excursionChecks;
        private boolean outOfControl;
        private int recoveryStreak;
        private String alarmRunId;
        private String trigger;
        private double alarmEffect = Double.NaN;
        private double lastDrop = Double.NaN;
        private double excursionMeanDrop = Double.NaN;
        /** Per window run: items and passes per task, for the between-run variance. */
        private final List<int[][]> windowRunCounts = new ArrayList<>();
        private double betweenRunVariance;

        Tracker(Reference reference, StreamPolicy policy) {
            this.reference = reference;
            this.policy = policy;
            this.windowPasses = new double[reference.tasks()];
            this.windowItems = new int[reference.tasks()];
            int[][] counts = new int[2][reference.tasks()];
            for (int t = 0; t < reference.tasks(); t++) {
                for (int k = reference.offsets()[t]; k < reference.offsets()[t + 1]; k++) {
                    windowPasses[t] += reference.passed()[k] ? 1 : 0;
                    windowItems[t]++;
                    counts[0][t]++;
                    counts[1][t] += reference.passed()[k] ? 1 : 0;
                }
            }
            windowRunCounts.add(counts);
        }

        void judge(RunSample run) {
            boolean[] seen = new boolean[reference.keys()];
            boolean[] passed = new boolean[reference.keys()];
            int pairs = 0;
            for (ItemOutcome item : run.items()) {
                if (item.taskId() == null) {
                    throw new IllegalArgumentException("item without taskId in run " + run.runId());
                }
                Integer task = reference.taskIndex().get(item.taskId());
                int position = task == null ? -1 : reference.position(task, item.sample());
                if (position < 0) {
                    continue;
                }
                if (seen[position]) {
                    throw duplicate(run, item.taskId(), item.sample());
                }
                seen[position] = true;
                passed[position] = item.passed();
                pairs++;
            }
            int tasks = reference.tasks();
            int[] checkItems = new int[tasks];
            int[] checkPasses = new int[tasks];
            int passes = 0;
            for (int t = 0; t < tasks; t++) {
                for (int k = reference.offsets()[t]; k < reference.offsets()[t + 1]; k++) {
                    if (seen[k]) {
                        checkItems[t]++;
                        checkPasses[t] += passed[k] ? 1 : 0;
                    }
                }
                passes += checkPasses[t];
            }
            int pairedTasks = (int) Arrays.stream(checkItems).filter(n -> n > 0).count();
            Double passRate = pairs == 0 ? null : (double) passes / pairs;
            if (pairs < policy.minPairs() || pairedTasks < policy.minTasks()) {
                checks.add(new Check(run.runId(), pairs, pairedTasks, passRate, null, null, cusum, windowRuns, false,
                        State.TOO_FEW, false));
                return;
            }

            // paired, task-level difference: d_t = check rate - in-control rate of task t, weighted by its pairs;
            // its variance under the in-control level: each task's binomial variance from the calibration window
            // (unbiased estimate), over the check's items and the window's items of that task
            double inControl = 0;
            double variance = 0;
            for (int t = 0; t < tasks; t++) {
                if (checkItems[t] == 0) {
                    continue;
                }
                double weight = (double) checkItems[t] / pairs;
                int n = windowItems[t];
                double level = windowPasses[t] / n;
                double itemVariance = n > 1 ? level * (1 - level) * n / (n - 1) : 0.25;
                inControl += weight * level;
                variance += weight * weight * itemVariance * (1.0 / checkItems[t] + 1.0 / n);
            }
            variance += betweenRunVariance * (1 + 1.0 / windowRuns);
            double difference = passRate - inControl;
            double standardError = Math.max(Math.sqrt(variance), 0.5 / pairs);
            double z = Math.max(-Z_BOUND, Math.min(Z_BOUND, difference / standardError));
            double drop = -difference;
            boolean frozen = windowRuns >= policy.calibrationRuns();
            // with an admission rule the CUSUM runs from the first check, against the window so far: the runs held
            // out of a small window are what it should add up
            boolean cusumRuns = frozen || policy.hasAdmissionRule();
            if (cusumRuns) {
                double next = Math.max(0, cusum - z - policy.cusumAllowance());
                if (next > 0) {
                    excursionDrops[excursionChecks % EFFECT_CHECKS] = drop;
                    excursionChecks++;
                } else {
                    excursionChecks = 0;
                }
                cusum = next;
            }
            lastDrop = drop;
            excursionMeanDrop = excursionChecks == 0 ? Double.NaN
                    : Arrays.stream(excursionDrops, 0, Math.min(excursionChecks, EFFECT_CHECKS)).average()
                            .orElseThrow();

            State state;
            boolean alarm = false;
            boolean heldOut = false;
            int comparedWith = windowRuns;
            if (!outOfControl) {
                boolean single = -z > policy.shewhartLimit() && drop >= policy.minPassRateDrop() - TOLERANCE;
                boolean accumulated = cusumRuns && cusum > policy.cusumLimit()
                        && excursionMeanDrop >= policy.minPassRateDrop() - TOLERANCE;
                if (single || accumulated) {
                    alarm = true;
                    outOfControl = true;
                    recoveryStreak = 0;
                    alarmRunId = run.runId();
                    // a check beyond the single-check limit is named as such, also when the CUSUM passed h with it
                    trigger = single ? "shewhart" : "cusum";
                    alarmEffect = single ? drop : excursionMeanDrop;
                    state = State.ALARM;
                } else if (frozen) {
                    state = State.IN_CONTROL;
                } else if (policy.admits(z)) {
                    // an in-control run during calibration joins the window; the level freezes once it is full
                    addToWindow(seen, passed);
                    state = State.CALIBRATING;
                } else {
                    // clearly low (or, to keep the estimate unbiased, clearly high) without an alarm: still a check,
                    // but kept out of the in-control estimate, so an early change does not pull the level to itself
                    heldOut = true;
                    state = State.CALIBRATING;
                }
            } else {
                recoveryStreak = z >= -policy.recoveryZ() ? recoveryStreak + 1 : 0;
                if (recoveryStreak >= policy.recoveryChecks()) {
                    outOfControl = false;
                    recoveryStreak = 0;
                    cusum = 0;
                    excursionChecks = 0;
                    state = State.RECOVERED;
                } else {
                    state = State.OUT_OF_CONTROL;
                }
            }
            checks.add(new Check(run.runId(), pairs, pairedTasks, passRate, inControl, z, cusum, comparedWith, alarm,
                    state, heldOut));
        }

        private void addToWindow(boolean[] seen, boolean[] passed) {
            int[][] counts = new int[2][reference.tasks()];
            for (int t = 0; t < reference.tasks(); t++) {
                for (int k = reference.offsets()[t]; k < reference.offsets()[t + 1]; k++) {
                    if (seen[k]) {
                        windowPasses[t] += passed[k] ? 1 : 0;
                        windowItems[t]++;
                        counts[0][t]++;
                        counts[1][t] += passed[k] ? 1 : 0;
                    }
                }
            }
            windowRuns++;
            windowRunCounts.add(counts);
            if (policy.betweenRunVariance() && windowRuns >= MIN_RUNS_FOR_BETWEEN) {
                betweenRunVariance = betweenRunVariance();
            }
        }

        /**
         * The variance of the window runs' pass rates beyond what their items explain: their sample variance minus
         * the mean binomial variance of a run's pass rate (from the tasks' in-control variances), at least 0.
         */
        private double betweenRunVariance() {
            int runs = windowRunCounts.size();
            double[] rates = new double[runs];
            double binomial = 0;
            for (int j = 0; j < runs; j++) {
                int[][] c = windowRunCounts.get(j);
                int items = 0;
                int passes = 0;
                double expected = 0;
                for (int t = 0; t < reference.tasks(); t++) {
                    items += c[0][t];
                    passes += c[1][t];
                    int n = windowItems[t];
                    double level = windowPasses[t] / n;
                    expected += c[0][t] * (n > 1 ? level * (1 - level) * n / (n - 1) : 0.25);
                }
                rates[j] = items == 0 ? 0 : (double) passes / items;
                binomial += items == 0 ? 0 : expected / ((double) items * items);
            }
            double mean = Arrays.stream(rates).average().orElse(0);
            double spread = Arrays.stream(rates).map(r -> (r - mean) * (r - mean)).sum() / (runs - 1);
            return Math.max(0, spread - binomial / runs);
        }

        StreamAssessment assessment(String referenceRunId) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            if (checks.isEmpty()) {
                evidence.put("state", State.CALIBRATING.name());
                evidence.put("runId", referenceRunId);
                evidence.put("referenceRunId", referenceRunId);
                evidence.put("calibrationRuns", 1);
                evidence.put("calibrationWindow", policy.calibrationRuns());
                return new StreamAssessment(State.CALIBRATING, checks, false,
                        "reference run " + referenceRunId + ": nothing to judge yet",
                        Collections.unmodifiableMap(evidence));
            }
            Check last = checks.get(checks.size() - 1);
            evidence.put("state", last.state().name());
            evidence.put("runId", last.runId());
            evidence.put("referenceRunId", referenceRunId);
            evidence.put("pairs", last.pairs());
            evidence.put("tasks", last.tasks());
            evidence.put("passRate", number(last.passRate()));
            evidence.put("inControlPassRate", number(last.inControlPassRate()));
            evidence.put("drop", last.state() == State.TOO_FEW ? null : number(lastDrop));
            evidence.put("z", number(last.statistic()));
            evidence.put("cusum", number(last.cusum()));
            evidence.put("cusumLimit", number(policy.cusumLimit()));
            evidence.put("cusumAllowance", number(policy.cusumAllowance()));
            evidence.put("shewhartLimit", number(policy.shewhartLimit()));
            evidence.put("minDrop", number(policy.minPassRateDrop()));
            evidence.put("recentMeanDrop", number(excursionMeanDrop));
            evidence.put("betweenRunSd", number(Math.sqrt(betweenRunVariance)));
            evidence.put("calibrationRuns", last.calibrationRuns());
            evidence.put("calibrationWindow", policy.calibrationRuns());
            evidence.put("heldOut", last.heldOut());
            evidence.put("admissionZ", number(policy.admissionZ()));
            evidence.put("alertOpen", outOfControl);
            evidence.put("alarmRunId", alarmRunId);
            evidence.put("trigger", trigger);
            evidence.put("alarmEffect", number(alarmEffect));
            List<Object> recent = new ArrayList<>();
            for (Check c : checks.subList(Math.max(0, checks.size() - RECENT_CHECKS), checks.size())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("runId", c.runId());
                row.put("pairs", c.pairs());
                row.put("passRate", number(c.passRate()));
                row.put("inControlPassRate", number(c.inControlPassRate()));
                row.put("z", number(c.statistic()));
                row.put("cusum", number(c.cusum()));
                row.put("state", c.state().name());
                row.put("heldOut", c.heldOut());
                recent.add(Collections.unmodifiableMap(row));
            }
            evidence.put("recentChecks", Collections.unmodifiableList(recent));
            evidence.put("method", "paired task-level z against a frozen in-control level; one-sided CUSUM and "
                    + "single-check limit");
            return new StreamAssessment(last.state(), checks, outOfControl, summary(last),
                    Collections.unmodifiableMap(evidence));
        }

        private String summary(Check c) {
            if (c.state() == State.TOO_FEW) {
                return String.format(Locale.ROOT, "too few items to judge (n=%d)", c.pairs());
            }
            String against = String.format(Locale.ROOT, "pass rate %.2f against the stream's in-control %.2f",
                    c.passRate(), c.inControlPassRate());
            return switch (c.state()) {
                case ALARM -> "cusum".equals(trigger)
                        ? String.format(Locale.ROOT, "%s (z=%.1f; CUSUM %.1f > %.1f)", against, c.statistic(),
                                c.cusum(), policy.cusumLimit())
                        : String.format(Locale.ROOT, "%s (z=%.1f < -%.1f, the single-check limit)", against,
                                c.statistic(), policy.shewhartLimit());
                case OUT_OF_CONTROL -> String.format(Locale.ROOT, "still out of control since run %s: %s (z=%.1f)",
                        alarmRunId, against, c.statistic());
                case RECOVERED -> String.format(Locale.ROOT, "back in control since run %s: %s (z=%.1f; %d checks "
                        + "in a row within %.1f standard errors)", alarmRunId, against, c.statistic(),
                        policy.recoveryChecks(), policy.recoveryZ());
                case IN_CONTROL -> String.format(Locale.ROOT, "in control: %s (z=%.1f; CUSUM %.1f of %.1f)", against,
                        c.statistic(), c.cusum(), policy.cusumLimit());
                default -> c.heldOut()
                        ? String.format(Locale.ROOT, "calibrating (%d of %d runs in the in-control estimate): %s; "
                                + "held out of the in-control estimate (z=%.1f, beyond %.1f)", c.calibrationRuns(),
                                policy.calibrationRuns(), against, c.statistic(), policy.admissionZ())
                        : String.format(Locale.ROOT, "calibrating (%d of %d runs in the in-control estimate): %s "
                                + "(z=%.1f)", c.calibrationRuns(), policy.calibrationRuns(), against, c.statistic());
            };
        }
    }

    private static Object number(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return null;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return value.longValue();
        }
        return new BigDecimal(value).round(FOUR_DIGITS).doubleValue();
    }
}
