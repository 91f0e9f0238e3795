package io.evalwatch.reporting.report;

import io.evalwatch.reporting.drift.Comparison;
import io.evalwatch.reporting.drift.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run against its baseline, per model: verdicts with intervals, the tasks that got worse with their outputs
 * before and after, the failure-mix change, latency and cost changes, and what changed in between.
 */
public record RegressionReport(String runId, String suite, String suiteVersion, String trigger, Instant completedAt,
        List<ModelRegression> models) {

    /** True when any model regressed significantly. */
    public boolean regressed() {
        return models.stream().anyMatch(m -> "regressed".equals(m.verdict()));
    }

    /**
     * One model's comparison with its stream's reference run (baselineRunId). verdict: regressed, no_regression,
     * no_baseline (nothing to compare with: an ad-hoc run without a matching stream, or the stream's new
     * reference), invalid (the run was not fit to judge the model; see stream.health), or pending (not analysed
     * yet). stream holds the stream id, origin, validity, health, the detector's state and summary and the task
     * changes since the previous run; previousRunId and previousComparisons compare with the stream's previous
     * valid run.
     */
    public record ModelRegression(String model, String baselineRunId, String verdict, List<Comparison> comparisons,
            List<Finding> findings, List<TaskChange> worseTasks, Map<String, long[]> failureMix,
            Map<String, Double[]> latencyAndCost, Map<String, List<String>[]> whatChanged, String variant,
            Map<String, Object> stream, String previousRunId, List<Comparison> previousComparisons) {

        /** The same section with its stream context. */
        public ModelRegression withStream(String variant, Map<String, Object> stream, String previousRunId,
                List<Comparison> previousComparisons) {
            return new ModelRegression(model, baselineRunId, verdict, comparisons, findings, worseTasks, failureMix,
                    latencyAndCost, whatChanged, variant, stream, previousRunId, previousComparisons);
        }

        public ModelRegression withVerdict(String newVerdict) {
            return new ModelRegression(model, baselineRunId, newVerdict, comparisons, findings, worseTasks,
                    failureMix, latencyAndCost, whatChanged, variant, stream, previousRunId, previousComparisons);
        }
    }

    /** A task that passed less often than in the baseline, with one output from each side. */
    public record TaskChange(String taskId, String category, int baselinePassed, int baselineItems, int passed,
            int items, String baselineOutput, String output, String failureCategory) {
    }
}
