package io.evalwatch.reporting.report;

import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.RunReport.CategoryReport;
import io.evalwatch.reporting.report.RunReport.Cost;
import io.evalwatch.reporting.report.RunReport.Latency;
import io.evalwatch.reporting.report.RunReport.ModelReport;
import io.evalwatch.reporting.stats.PassAtK;
import io.evalwatch.reporting.stats.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds a run's report from its stored items. Pure: no database access, so it is tested with plain JUnit. */
public final class RunReportBuilder {

    private RunReportBuilder() {
    }

    public static RunReport build(RunRecord run, List<ItemResult> items) {
        Map<String, List<ItemResult>> byModel = items.stream().filter(i -> i.model != null)
                .collect(Collectors.groupingBy(i -> i.model, TreeMap::new, Collectors.toList()));
        List<ModelReport> models = new ArrayList<>();
        byModel.forEach((model, modelItems) -> models.add(model(model, modelItems)));
        int errored = (int) items.stream().filter(i -> i.errored).count();
        return new RunReport(run.runId, run.suite, run.suiteVersion, run.status, run.trigger, run.samples,
                run.expectedItems, items.size() - errored, errored, run.startedAt, run.completedAt, models);
    }

    static ModelReport model(String model, List<ItemResult> items) {
        int passed = (int) items.stream().filter(i -> i.passed).count();
        Map<String, Double> passAtK = new LinkedHashMap<>();
        List<int[]> perTask = items.stream().collect(Collectors.groupingBy(i -> String.valueOf(i.taskId), TreeMap::new,
                        Collectors.toList())).values().stream()
                .map(task -> new int[] {task.size(), (int) task.stream().filter(i -> i.passed).count()}).toList();
        int maxSamples = perTask.stream().mapToInt(t -> t[0]).max().orElse(0);
        for (int k : new int[] {1, 3, 5, 10}) {
            if (k <= maxSamples) {
                passAtK.put("pass@" + k, PassAtK.mean(perTask, k));
            }
        }
        List<CategoryReport> categories = new ArrayList<>();
        items.stream().filter(i -> i.category != null)
                .collect(Collectors.groupingBy(i -> i.category, TreeMap::new, Collectors.toList()))
                .forEach((category, list) -> {
                    int ok = (int) list.stream().filter(i -> i.passed).count();
                    categories.add(new CategoryReport(category, list.size(), ok, (double) ok / list.size(),
                            mean(list, i -> i.weightedAccuracy)));
                });
        double totalCost = items.stream().mapToDouble(i -> i.costUsd).sum();
        Cost cost = new Cost(totalCost, totalCost / items.size(), passed == 0 ? null : totalCost / passed,
                items.stream().mapToLong(i -> i.inputTokens).sum(), items.stream().mapToLong(i -> i.outputTokens).sum());
        return new ModelReport(model, items.size(), passed, (double) passed / items.size(), passAtK,
                mean(items, i -> i.weightedAccuracy), mean(items, i -> i.passFraction),
                count(items, i -> i.failureCategory), count(items, i -> i.codeFormat), latency(items), cost,
                categories, distinct(items, i -> i.responseModelId), distinct(items, i -> i.systemFingerprint));
    }

    static Latency latency(List<ItemResult> items) {
        List<Double> ttft = items.stream().map(i -> i.ttftSeconds).toList();
        List<Double> duration = items.stream().map(i -> i.durationSeconds).toList();
        return new Latency(Percentiles.of(ttft, 0.5), Percentiles.of(ttft, 0.95), Percentiles.of(ttft, 0.99),
                Percentiles.of(duration, 0.5), Percentiles.of(duration, 0.95), Percentiles.of(duration, 0.99),
                Percentiles.of(items.stream().map(i -> i.outputTokensPerSecond).toList(), 0.5),
                Percentiles.of(items.stream().map(i -> i.queueSeconds).toList(), 0.95));
    }

    private static double mean(List<ItemResult> items, java.util.function.ToDoubleFunction<ItemResult> f) {
        return items.stream().mapToDouble(f).average().orElse(0);
    }

    private static Map<String, Long> count(List<ItemResult> items, Function<ItemResult, String> f) {
        return items.stream().map(f).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    private static List<String> distinct(List<ItemResult> items, Function<ItemResult, String> f) {
        return items.stream().map(f).filter(Objects::nonNull).distinct().sorted().toList();
    }
}
