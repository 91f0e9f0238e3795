package io.evalwatch.reporting.drift.simulation;

import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.RunSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A baseline run and a candidate run of a simulated non-deterministic model on one suite: every (task, sample)
 * passes independently with the task's probability. With a logit spread of 0 every task has the model's pass rate
 * (homogeneous); otherwise task difficulty is logit-normal, logit p = mu + spread * z with z fixed per task, and mu
 * set so the mean over tasks is the model's pass rate; a change of the pass rate shifts mu, so hard tasks stay hard.
 * Weighted accuracy, timings, lengths, cost and format are drawn from the same distributions in both runs; only
 * the pass probability differs between baseline and candidate.
 */
public final class SimulatedRuns {

    private static final String[] FORMATS = {"fenced", "fenced_with_prose", "raw", "none"};
    private static final double[] FORMAT_SHARES = {0.85, 0.10, 0.04, 0.01};
    private static final Map<String, Double> LOCATIONS = new ConcurrentHashMap<>();

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

    /** {baseline, candidate} for one simulated comparison. */
    public static RunSample[] pair(Scenario scenario, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<Task> tasks = tasks(scenario, root.split());
        RunSample baseline = run("baseline-" + seed, scenario, tasks, scenario.baselinePassRate(), root.split());
        RunSample candidate = run("candidate-" + seed, scenario, tasks, scenario.candidatePassRate(), root.split());
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

    private static RunSample run(String runId, Scenario scenario, List<Task> tasks, double passRate,
            SplittableRandom random) {
        List<ItemOutcome> items = new ArrayList<>();
        for (Task task : tasks) {
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
                        Long.toHexString(random.nextLong()), null));
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
