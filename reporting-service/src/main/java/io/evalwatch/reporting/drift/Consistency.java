package io.evalwatch.reporting.drift;

import io.evalwatch.reporting.stats.PassAtK;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The consistency probe's statistics over one model's repeats of the same prompts (the {@code repeat} variant of a
 * run): per task the distinct outputs once normalised, the variance of the weighted score and of pass/fail across
 * the repeats, and pooled over tasks; pass@1 against pass@N. The pooled variances are the stream's noise floor
 * ({@link NoiseFloor}). Pure; see "Consistency and the noise floor" in the package documentation.
 */
public final class Consistency {

    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)(#|//).*$");
    private static final Pattern FENCE = Pattern.compile("(?m)^\\s*```.*$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Consistency() {
    }

    /** One scored repeat: the task, its repeat index (the item's sample), pass/fail, weighted score and output. */
    public record Repeat(String taskId, int sample, boolean passed, double weightedScore, String output) {
    }

    /** One task's repeats. */
    public record TaskConsistency(String taskId, int repeats, int passed, int distinctOutputs,
            double scoreVariance, double passVariance) {
    }

    /**
     * A model's consistency over the tasks with at least two repeats. The variances are pooled within tasks:
     * sum over tasks of (n_t - 1) s_t^2 over sum of (n_t - 1), s_t^2 the unbiased variance of task t's repeats.
     * meanDistinctOutputs is the mean over tasks of the distinct normalised outputs; identicalTasks the tasks whose
     * repeats all gave one output. passAt1 and passAtN are means over tasks of the unbiased pass@k with k = 1 and
     * k = the task's repeats. finding is a sentence for the reader, null when the answers did not vary.
     */
    public record Result(int tasks, int items, int repeats, double scoreVariance, double passVariance,
            double meanDistinctOutputs, int identicalTasks, double passAt1, double passAtN, String finding,
            List<TaskConsistency> perTask) {
    }

    public static Result of(List<Repeat> repeats) {
        Map<String, List<Repeat>> byTask = repeats.stream()
                .collect(Collectors.groupingBy(Repeat::taskId, TreeMap::new, Collectors.toList()));
        List<TaskConsistency> perTask = new ArrayList<>();
        double scoreSum = 0;
        double passSum = 0;
        int degrees = 0;
        double distinct = 0;
        int identical = 0;
        List<int[]> passCounts = new ArrayList<>();
        int items = 0;
        int most = 0;
        for (Map.Entry<String, List<Repeat>> e : byTask.entrySet()) {
            List<Repeat> task = new ArrayList<>(e.getValue());
            task.sort(Comparator.comparingInt(Repeat::sample));
            int n = task.size();
            if (n < 2) {
                continue;
            }
            double[] scores = task.stream().mapToDouble(Repeat::weightedScore).toArray();
            double[] passes = task.stream().mapToDouble(r -> r.passed() ? 1 : 0).toArray();
            double sv = variance(scores);
            double pv = variance(passes);
            Set<String> outputs = new HashSet<>();
            task.forEach(r -> outputs.add(normalise(r.output())));
            int passed = (int) task.stream().filter(Repeat::passed).count();
            perTask.add(new TaskConsistency(e.getKey(), n, passed, outputs.size(), sv, pv));
            scoreSum += (n - 1) * sv;
            passSum += (n - 1) * pv;
            degrees += n - 1;
            distinct += outputs.size();
            identical += outputs.size() == 1 ? 1 : 0;
            passCounts.add(new int[] {n, passed});
            items += n;
            most = Math.max(most, n);
        }
        if (perTask.isEmpty()) {
            return new Result(0, 0, 0, 0, 0, 0, 0, 0, 0, "no task has two scored repeats: nothing to measure",
                    List.of());
        }
        double scoreVariance = scoreSum / degrees;
        double passVariance = passSum / degrees;
        double passAt1 = passCounts.stream().mapToDouble(t -> PassAtK.ofTask(t[0], t[1], 1)).average().orElseThrow();
        double passAtN = passCounts.stream().mapToDouble(t -> PassAtK.ofTask(t[0], t[1], t[0])).average()
                .orElseThrow();
        return new Result(perTask.size(), items, most, scoreVariance, passVariance, distinct / perTask.size(),
                identical, passAt1, passAtN, finding(perTask.size(), scoreVariance, passAt1, passAtN),
                List.copyOf(perTask));
    }

    /** What the reader should take from it: how much a single answer can be trusted, and the gap to pass@N. */
    static String finding(int tasks, double scoreVariance, double passAt1, double passAtN) {
        if (scoreVariance <= 0 && passAtN - passAt1 <= 0) {
            return null;
        }
        return String.format(Locale.ROOT, "the same prompt scored differently between repeats (weighted-score "
                + "variance %.3f, standard deviation %.2f, over %d tasks); one answer per task passes %.0f %% of "
                + "tasks, the best of the repeats %.0f %%: differences between runs smaller than this noise are not "
                + "a change of the model", scoreVariance, Math.sqrt(scoreVariance), tasks, 100 * passAt1,
                100 * passAtN);
    }

    /**
     * An output with its comments (# and // to the end of the line, block comments), Markdown fences and
     * whitespace taken out, so that repeats differing only in those count as one output. A # or // inside a string
     * counts as a comment too: the normalisation is for counting, never for running.
     */
    public static String normalise(String output) {
        if (output == null) {
            return "";
        }
        String text = BLOCK_COMMENT.matcher(output).replaceAll(" ");
        text = FENCE.matcher(text).replaceAll(" ");
        text = LINE_COMMENT.matcher(text).replaceAll(" ");
        return WHITESPACE.matcher(text).replaceAll("");
    }

    /** The unbiased sample variance (n - 1 in the denominator). */
    static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (x.length - 1);
    }
}
