package io.evalwatch.reporting.drift.simulation;

import io.evalwatch.events.ItemMetrics;
import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.RunSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * A baseline run and a candidate run of a simulated non-deterministic model on one suite: every (task, sample)
 * passes independently with the task's probability. With a logit spread of 0 every task has the model's pass rate
 * (homogeneous); otherwise task difficulty is logit-normal, logit p = mu + spread * z with z fixed per task, and mu
 * set so the mean over tasks is the model's pass rate; a change of the pass rate shifts mu, so hard tasks stay hard.
 * Weighted accuracy, timings, lengths, cost and format are drawn from the same distributions in both runs; only
 * the pass probability differs between baseline and candidate.
 *
 * <p>Every item also carries the analysers' measures ({@link ItemMetrics}), from propensities drawn once per task
 * and shared by both runs (a task tends to produce a security finding or it does not): the chance of a security
 * finding, a type error and an undefined name are Beta-distributed over tasks (means 0.10, 0.15, 0.03), with 1 to 3
 * of them when present; chrF has a task mean ~ U(40, 95) and per-item noise sd 8, clipped to [0, 100]; edit
 * similarity a task mean ~ U(0.40, 0.95) and noise sd 0.08, clipped to [0, 1]. The measures do not depend on
 * passing and are drawn from their own random stream, so every other draw is what it was before they existed.
 */
public final class SimulatedRuns {

    private static final String[] FORMATS = {"fenced", "fenced_with_prose", "raw", "none"};
    private static final double[] FORMAT_SHARES = {0.85, 0.10, 0.04, 0.01};
    private static final Map<String, Double> LOCATIONS = new ConcurrentHashMap<>();
    // concentration 5: most tasks rarely trip an analyser, a few trip it often
    static final BetaDistribution SECURITY_PROPENSITY = BetaDistribution.of(0.5, 4.5);
    static final BetaDistribution TYPE_ERROR_PROPENSITY = BetaDistribution.of(0.75, 4.25);
    static final BetaDistribution UNDEFINED_NAME_PROPENSITY = BetaDistribution.of(0.15, 4.85);
    static final double CHRF_NOISE = 8.0;
    static final double EDIT_NOISE = 0.08;

    private SimulatedRuns() {
    }

    /** A suite and a model change: baselinePassRate to candidatePassRate (equal for "unchanged"). */
    public record Scenario(String name, int tasks, int samples, List<String> categories, double logitSpread,
            double baselinePassRate, double candidatePassRate) {

        public Scenario unchanged() {
            return new Scenario(name, tasks, samples, categories, logitSpread, baselinePassRate, baselinePassRate);
        }
    }

    /** Task properties drawn once per suite, shared by both runs. */
    private record Task(String id, String category, double difficulty, int tests, int edgeTests,
            double partialPass, double typicalTokens, int promptTokens) {
    }

    /** A task's analyser propensities, drawn once per suite and shared by both runs. */
    private record TaskMeasures(double security, double typeErrors, double undefinedNames, double chrf,
            double edit) {
    }

    /** {baseline, candidate} for one simulated comparison. */
    public static RunSample[] pair(Scenario scenario, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<Task> tasks = tasks(scenario, root.split());
        SplittableRandom baselineRandom = root.split();
        SplittableRandom candidateRandom = root.split();
        // split after the others: the measures have their own stream and leave every earlier draw as it was
        SplittableRandom measures = root.split();
        List<TaskMeasures> taskMeasures = taskMeasures(tasks.size(), measures.split());
        RunSample baseline = run("baseline-" + seed, scenario, tasks, taskMeasures, scenario.baselinePassRate(),
                baselineRandom, measures.split());
        RunSample candidate = run("candidate-" + seed, scenario, tasks, taskMeasures, scenario.candidatePassRate(),
                candidateRandom, measures.split());
        return new RunSample[] {baseline, candidate};
    }

    /** The pass probability of a task of the given standardised difficulty for a model with this mean pass rate. */
    public static double passProbability(double meanPassRate, double spread, double difficulty) {
        if (spread == 0) {
            return meanPassRate;
        }
        double mu = LOCATIONS.computeIfAbsent(meanPassRate + "/" + spread, k -> location(meanPassRate, spread));
        return sigmoid(mu + spread * difficulty);
    }

    private static List<Task> tasks(Scenario scenario, SplittableRandom random) {
        List<Task> tasks = new ArrayList<>();
        for (int t = 0; t < scenario.tasks(); t++) {
            int tests = 3 + random.nextInt(6);
            String category = scenario.categories().get(t % scenario.categories().size());
            tasks.add(new Task(String.format("task-%03d", t), category,
                    random.nextGaussian(), tests, random.nextInt(Math.min(3, tests)), 0.3 + 0.6 * random.nextDouble(),
                    60 + 240 * random.nextDouble(), 150 + random.nextInt(400)));
        }
        return tasks;
    }

    private static List<TaskMeasures> taskMeasures(int tasks, SplittableRandom random) {
        List<TaskMeasures> measures = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            measures.add(new TaskMeasures(SECURITY_PROPENSITY.inverseCumulativeProbability(random.nextDouble()),
                    TYPE_ERROR_PROPENSITY.inverseCumulativeProbability(random.nextDouble()),
                    UNDEFINED_NAME_PROPENSITY.inverseCumulativeProbability(random.nextDouble()),
                    40 + 55 * random.nextDouble(), 0.40 + 0.55 * random.nextDouble()));
        }
        return measures;
    }

    private static Map<String, Double> measures(TaskMeasures task, SplittableRandom random) {
        return Map.of(ItemMetrics.SECURITY_FINDINGS, findings(task.security(), random),
                ItemMetrics.TYPE_ERRORS, findings(task.typeErrors(), random),
                ItemMetrics.UNDEFINED_NAMES, findings(task.undefinedNames(), random),
                ItemMetrics.CHRF, clip(task.chrf() + CHRF_NOISE * random.nextGaussian(), 0, 100),
                ItemMetrics.EDIT_SIMILARITY, clip(task.edit() + EDIT_NOISE * random.nextGaussian(), 0, 1));
    }

    private static double findings(double propensity, SplittableRandom random) {
        return random.nextDouble() < propensity ? 1 + random.nextInt(3) : 0;
    }

    private static double clip(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    private static RunSample run(String runId, Scenario scenario, List<Task> tasks, List<TaskMeasures> taskMeasures,
            double passRate, SplittableRandom random, SplittableRandom measureRandom) {
        List<ItemOutcome> items = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            Task task = tasks.get(t);
            double p = passProbability(passRate, scenario.logitSpread(), task.difficulty());
            for (int s = 0; s < scenario.samples(); s++) {
                boolean passed = random.nextDouble() < p;
                double accuracy = passed ? 1.0 : failedAccuracy(task, random);
                double ttft = 0.35 * Math.exp(0.35 * random.nextGaussian());
                long tokens = Math.max(5, Math.round(task.typicalTokens() * Math.exp(0.2 * random.nextGaussian())));
                double tokensPerSecond = Math.max(20, 70 + 10 * random.nextGaussian());
                double duration = ttft + tokens / tokensPerSecond;
                double cost = task.promptTokens() * 2.5e-6 + tokens * 10e-6;
                items.add(new ItemOutcome(task.id(), s, task.category(), passed, accuracy, ttft, duration, cost,
                        (int) tokens, format(random), "fp_sim_1", "sim-model-2025-01",
                        Long.toHexString(random.nextLong()), null, measures(taskMeasures.get(t), measureRandom)));
            }
        }
        return new RunSample(runId, "sim-model", "1.0.0", items);
    }

    // a failed answer either runs nothing (syntax error, wrong function) or passes some tests but not all
    private static double failedAccuracy(Task task, SplittableRandom random) {
        boolean[] passed = new boolean[task.tests()];
        if (random.nextDouble() >= 0.3) {
            boolean allPassed;
            do {
                allPassed = true;
                for (int i = 0; i < passed.length; i++) {
                    passed[i] = random.nextDouble() < task.partialPass();
                    allPassed &= passed[i];
                }
            } while (allPassed);
        }
        double sum = 0;
        for (int i = 0; i < passed.length; i++) {
            boolean edge = i < task.edgeTests();
            sum += passed[i] ? 1.0 : edge ? -0.5 : -1.0;
        }
        return sum / passed.length;
    }

    private static String format(SplittableRandom random) {
        double u = random.nextDouble();
        for (int i = 0; i < FORMATS.length; i++) {
            u -= FORMAT_SHARES[i];
            if (u < 0) {
                return FORMATS[i];
            }
        }
        return FORMATS[0];
    }

    // mu such that E[sigmoid(mu + spread Z)] = mean for standard normal Z, by bisection on a quadrature
    private static double location(double mean, double spread) {
        double low = -20;
        double high = 20;
        for (int i = 0; i < 100; i++) {
            double mid = (low + high) / 2;
            if (expectedPass(mid, spread) < mean) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    private static double expectedPass(double mu, double spread) {
        double total = 0;
        double weight = 0;
        for (double z = -8; z <= 8; z += 0.01) {
            double w = Math.exp(-z * z / 2);
            total += w * sigmoid(mu + spread * z);
            weight += w;
        }
        return total / weight;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
