package io.evalwatch.reporting.report;

import io.evalwatch.reporting.drift.DriftAnalysis;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.RegressionReport.ModelRegression;
import io.evalwatch.reporting.report.RegressionReport.TaskChange;
import io.evalwatch.reporting.stats.Percentiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds a model's regression section from the two runs' items and the drift analysis. Pure. */
public final class RegressionReportBuilder {

    static final int TOP_TASKS = 10;

    private RegressionReportBuilder() {
    }

    public static ModelRegression model(String model, String baselineRunId, DriftAnalysis analysis,
            List<ItemResult> before, List<ItemResult> after) {
        if (baselineRunId == null || analysis == null) {
            return new ModelRegression(model, null, "no_baseline", List.of(), List.of(), List.of(), Map.of(), Map.of(),
                    Map.of(), null, Map.of(), null, List.of());
        }
        List<ItemResult> b = scored(before, model);
        List<ItemResult> a = scored(after, model);
        return new ModelRegression(model, baselineRunId, analysis.regressed() ? "regressed" : "no_regression",
                analysis.comparisons(), analysis.findings(), worseTasks(b, a), failureMix(b, a), latencyAndCost(b, a),
                whatChanged(b, a), null, Map.of(), null, List.of());
    }

    /** A model whose run has not been analysed yet (still running, or the analysis is under way). */
    public static ModelRegression pending(String model) {
        return new ModelRegression(model, null, "pending", List.of(), List.of(), List.of(), Map.of(), Map.of(), Map.of(),
                null, Map.of(), null, List.of());
    }

    public static RegressionReport report(RunRecord run, List<ModelRegression> models) {
        return new RegressionReport(run.runId, run.suite, run.suiteVersion, run.trigger, run.completedAt, models);
    }

    static List<TaskChange> worseTasks(List<ItemResult> before, List<ItemResult> after) {
        Map<String, List<ItemResult>> b = byTask(before);
        Map<String, List<ItemResult>> a = byTask(after);
        List<TaskChange> changes = new ArrayList<>();
        a.forEach((task, items) -> {
            List<ItemResult> base = b.getOrDefault(task, List.of());
            if (base.isEmpty()) {
                return;
            }
            int passedBefore = (int) base.stream().filter(i -> i.passed).count();
            int passedAfter = (int) items.stream().filter(i -> i.passed).count();
            double rateBefore = (double) passedBefore / base.size();
            double rateAfter = (double) passedAfter / items.size();
            if (rateAfter < rateBefore) {
                ItemResult sampleBefore = base.stream().filter(i -> i.passed).findFirst().orElse(base.get(0));
                ItemResult sampleAfter = items.stream().filter(i -> !i.passed).findFirst().orElse(items.get(0));
                changes.add(new TaskChange(task, sampleAfter.category, passedBefore, base.size(), passedAfter,
                        items.size(), sampleBefore.output, sampleAfter.output, sampleAfter.failureCategory));
            }
        });
        changes.sort(Comparator.comparingDouble((TaskChange c) -> (double) c.passed() / c.items()
                - (double) c.baselinePassed() / c.baselineItems()).thenComparing(TaskChange::taskId));
        return changes.stream().limit(TOP_TASKS).toList();
    }

    static Map<String, long[]> failureMix(List<ItemResult> before, List<ItemResult> after) {
        Map<String, long[]> mix = new TreeMap<>();
        before.forEach(i -> mix.computeIfAbsent(i.failureCategory, k -> new long[2])[0]++);
        after.forEach(i -> mix.computeIfAbsent(i.failureCategory, k -> new long[2])[1]++);
        return mix;
    }

    static Map<String, Double[]> latencyAndCost(List<ItemResult> before, List<ItemResult> after) {
        Map<String, Double[]> m = new LinkedHashMap<>();
        m.put("ttft_p50_seconds", pair(before, after, i -> i.ttftSeconds, 0.5));
        m.put("ttft_p95_seconds", pair(before, after, i -> i.ttftSeconds, 0.95));
        m.put("duration_p50_seconds", pair(before, after, i -> i.durationSeconds, 0.5));
        m.put("duration_p95_seconds", pair(before, after, i -> i.durationSeconds, 0.95));
        m.put("cost_per_item_usd", new Double[] {meanCost(before), meanCost(after)});
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<String>[]> whatChanged(List<ItemResult> before, List<ItemResult> after) {
        Map<String, List<String>[]> changed = new LinkedHashMap<>();
        Map<String, Function<ItemResult, String>> fields = new LinkedHashMap<>();
        fields.put("requested_model_id", i -> i.requestedModelId);
        fields.put("response_model_id", i -> i.responseModelId);
        fields.put("system_fingerprint", i -> i.systemFingerprint);
        fields.put("config_hash", i -> i.configHash);
        fields.put("prompt_hash", i -> i.promptHash);
        fields.put("suite_version", i -> i.suiteVersion);
        fields.forEach((name, f) -> {
            List<String> b = distinct(before, f);
            List<String> a = distinct(after, f);
            if (!b.equals(a)) {
                changed.put(name, new List[] {b, a});
            }
        });
        return changed;
    }

    private static List<ItemResult> scored(List<ItemResult> items, String model) {
        return items.stream().filter(i -> !i.errored && model.equals(i.model)).toList();
    }

    private static Map<String, List<ItemResult>> byTask(List<ItemResult> items) {
        return items.stream().collect(Collectors.groupingBy(i -> String.valueOf(i.taskId), TreeMap::new,
                Collectors.toList()));
    }

    private static Double[] pair(List<ItemResult> before, List<ItemResult> after, Function<ItemResult, Double> f,
            double p) {
        return new Double[] {Percentiles.of(before.stream().map(f).toList(), p),
                Percentiles.of(after.stream().map(f).toList(), p)};
    }

    private static Double meanCost(List<ItemResult> items) {
        return items.isEmpty() ? null : items.stream().mapToDouble(i -> i.costUsd).average().orElse(0);
    }

    private static List<String> distinct(List<ItemResult> items, Function<ItemResult, String> f) {
        return new ArrayList<>(items.stream().map(f).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
