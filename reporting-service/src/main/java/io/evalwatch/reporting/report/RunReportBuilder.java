package io.evalwatch.reporting.report;

import io.evalwatch.events.ItemMetrics;
import io.evalwatch.reporting.composite.CompositeScore;
import io.evalwatch.reporting.composite.CompositeWeights;
import io.evalwatch.events.JudgeCompleted;
import io.evalwatch.reporting.ledger.ItemJudgement;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.events.TaskKind;
import io.evalwatch.reporting.report.RunReport.JudgeReport;
import io.evalwatch.reporting.report.RunReport.KindReport;
import io.evalwatch.reporting.report.RunReport.TagReport;
import io.evalwatch.reporting.review.CohenKappa;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.RunReport.CategoryReport;
import io.evalwatch.reporting.report.RunReport.Cost;
import io.evalwatch.reporting.report.RunReport.Latency;
import io.evalwatch.reporting.report.RunReport.MetricSummary;
import io.evalwatch.reporting.report.RunReport.Retries;
import io.evalwatch.reporting.report.RunReport.ModelReport;
import io.evalwatch.reporting.report.RunReport.ScoreDistribution;
import io.evalwatch.reporting.stats.PassAtK;
import io.evalwatch.reporting.stats.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds a run's report from its stored items. Pure: no database access, so it is tested with plain JUnit. */
public final class RunReportBuilder {

    private RunReportBuilder() {
    }

    /** A report with the default composite weights and no human reviews. */
    public static RunReport build(RunRecord run, List<ItemResult> items) {
        return build(run, items, CompositeWeights.DEFAULTS, null);
    }

    /**
     * @param weights the composite weights of the run's suite
     * @param humanAcceptRates per model, the share of its reviewed answers that were accepted; null (or a model
     *     absent) when there were no reviews, which leaves the composite's human part missing
     */
    public static RunReport build(RunRecord run, List<ItemResult> items, CompositeWeights weights,
            Map<String, Double> humanAcceptRates) {
        return build(run, items, weights, humanAcceptRates, Map.of());
    }

    /** @param judgements the run's LLM judgements by item id (empty when the suite has no judge) */
    public static RunReport build(RunRecord run, List<ItemResult> items, CompositeWeights weights,
            Map<String, Double> humanAcceptRates, Map<String, ItemJudgement> judgements) {
        Map<String, List<ItemResult>> byModel = ItemResult.plain(items).stream().filter(i -> i.model != null)
                .collect(Collectors.groupingBy(i -> i.model, TreeMap::new, Collectors.toList()));
        List<ModelReport> models = new ArrayList<>();
        byModel.forEach((model, modelItems) -> models.add(model(model, modelItems, weights,
                humanAcceptRates == null ? null : humanAcceptRates.get(model), judgements)));
        int errored = (int) items.stream().filter(i -> i.errored).count();
        return new RunReport(run.runId, run.suite, run.suiteVersion, run.status, run.trigger, run.samples,
                run.expectedItems, items.size() - errored, errored, run.startedAt, run.completedAt, models,
                VariantSections.of(run.runId, run.suiteVersion, items), ConsistencySections.of(items),
                LongContextSections.of(items));
    }

    static ModelReport model(String model, List<ItemResult> items) {
        return model(model, items, CompositeWeights.DEFAULTS, null);
    }

    static ModelReport model(String model, List<ItemResult> items, CompositeWeights weights,
            Double humanAcceptRate) {
        return model(model, items, weights, humanAcceptRate, Map.of());
    }

    static ModelReport model(String model, List<ItemResult> items, CompositeWeights weights,
            Double humanAcceptRate, Map<String, ItemJudgement> judgements) {
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
                            mean(list, i -> i.weightedAccuracy), quality(list), metrics(list)));
                });
        double totalCost = items.stream().mapToDouble(i -> i.costUsd).sum();
        Cost cost = new Cost(totalCost, totalCost / items.size(), passed == 0 ? null : totalCost / passed,
                items.stream().mapToLong(i -> i.inputTokens).sum(), items.stream().mapToLong(i -> i.outputTokens).sum());
        return new ModelReport(model, items.size(), passed, (double) passed / items.size(), passAtK,
                mean(items, i -> i.weightedAccuracy), scoreDistribution(items), mean(items, i -> i.passFraction),
                CompositeScore.of(items, humanAcceptRate, weights), count(items, i -> i.failureCategory),
                secondaryMix(items), count(items, i -> i.codeFormat), quality(items), retries(items), latency(items),
                cost, categories, distinct(items, i -> i.responseModelId), distinct(items, i -> i.systemFingerprint),
                judge(items, judgements), qualityByKind(items), kinds(items), tags(items));
    }

    /** One section per task kind present, in the kinds' order (generation, completion, review, search). */
    static List<KindReport> kinds(List<ItemResult> items) {
        List<KindReport> kinds = new ArrayList<>();
        Map<String, List<ItemResult>> byKind = items.stream().filter(i -> i.kind != null)
                .collect(Collectors.groupingBy(i -> i.kind));
        for (TaskKind kind : TaskKind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            List<ItemResult> list = byKind.get(name);
            if (list != null) {
                int ok = (int) list.stream().filter(i -> i.passed).count();
                kinds.add(new KindReport(name, list.size(), ok, (double) ok / list.size(),
                        mean(list, i -> i.weightedAccuracy), KindSections.of(name, list), metrics(list)));
            }
        }
        return kinds;
    }

    /** One entry per tag of the items' tasks, by tag name; an item counts under each of its tags. */
    public static List<TagReport> tags(List<ItemResult> items) {
        Map<String, List<ItemResult>> byTag = new TreeMap<>();
        for (ItemResult item : items) {
            if (item.tags != null) {
                item.tags.stream().filter(Objects::nonNull).distinct()
                        .forEach(tag -> byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(item));
            }
        }
        List<TagReport> tags = new ArrayList<>();
        byTag.forEach((tag, list) -> {
            int ok = (int) list.stream().filter(i -> i.passed).count();
            tags.add(new TagReport(tag, list.size(), ok, (double) ok / list.size(), mean(list, i -> i.weightedAccuracy),
                    metrics(list)));
        });
        return tags;
    }

    /** Every named measure present on any item, summarised over the items that have it. */
    static Map<String, MetricSummary> metrics(List<ItemResult> items) {
        Map<String, List<Double>> values = new TreeMap<>();
        for (ItemResult i : items) {
            if (i.metrics != null) {
                i.metrics.forEach((name, value) -> {
                    if (value != null) {
                        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                    }
                });
            }
        }
        Map<String, MetricSummary> out = new LinkedHashMap<>();
        values.forEach((name, list) -> out.put(name, summary(name, list)));
        return out;
    }

    /**
     * The judge's grades of these items: mean and distribution over the scored ones, and agreement with the automated
     * verdict over the scored items that have one (errored items have none). Null when none was judged.
     */
    static JudgeReport judge(List<ItemResult> items, Map<String, ItemJudgement> judgements) {
        List<ItemJudgement> judged = new ArrayList<>();
        List<Boolean> judgeAccepts = new ArrayList<>();
        List<Boolean> passed = new ArrayList<>();
        for (ItemResult item : items) {
            ItemJudgement j = judgements.get(item.itemId);
            if (j == null) {
                continue;
            }
            judged.add(j);
            if (j.score != null && !item.errored) {
                judgeAccepts.add(j.score >= JudgeReport.ACCEPT_SCORE);
                passed.add(item.passed);
            }
        }
        if (judged.isEmpty()) {
            return null;
        }
        List<Integer> scores = judged.stream().map(j -> j.score).filter(Objects::nonNull).toList();
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int score = JudgeCompleted.MIN_SCORE; score <= JudgeCompleted.MAX_SCORE; score++) {
            int s = score;
            distribution.put(String.valueOf(score), scores.stream().filter(x -> x == s).count());
        }
        int agreeing = 0;
        for (int i = 0; i < passed.size(); i++) {
            agreeing += judgeAccepts.get(i).equals(passed.get(i)) ? 1 : 0;
        }
        CohenKappa kappa = CohenKappa.of(judgeAccepts, passed);
        return new JudgeReport(judged.stream().map(j -> j.judgeModel).distinct().sorted().toList(), judged.size(),
                judged.size() - scores.size(),
                scores.isEmpty() ? null : scores.stream().mapToInt(Integer::intValue).average().orElseThrow(),
                distribution, passed.size(), passed.isEmpty() ? null : agreeing / (double) passed.size(),
                kappa.kappa(), kappa.undefinedBecause(), judged.stream().mapToDouble(j -> j.costUsd).sum());
    }

    /** Bins of the weighted accuracy, lowest first; the edges are the ones a reader can name. */
    static final List<String> SCORE_BINS = List.of("-1", "(-1, 0)", "[0, 0.5)", "[0.5, 1)", "1");

    static ScoreDistribution scoreDistribution(List<ItemResult> items) {
        List<Double> scores = items.stream().map(i -> i.weightedAccuracy).sorted().toList();
        Map<String, Long> histogram = new LinkedHashMap<>();
        SCORE_BINS.forEach(bin -> histogram.put(bin, 0L));
        for (double score : scores) {
            String bin = score <= -1 + 1e-9 ? "-1" : score < 0 ? "(-1, 0)" : score < 0.5 ? "[0, 0.5)"
                    : score < 1 - 1e-9 ? "[0.5, 1)" : "1";
            histogram.merge(bin, 1L, Long::sum);
        }
        return new ScoreDistribution(scores.get(0), Percentiles.of(scores, 0.1), Percentiles.of(scores, 0.5),
                Percentiles.of(scores, 0.9), scores.get(scores.size() - 1), histogram);
    }

    static Latency latency(List<ItemResult> items) {
        List<Double> ttft = items.stream().map(i -> i.ttftSeconds).toList();
        List<Double> duration = items.stream().map(i -> i.durationSeconds).toList();
        return new Latency(Percentiles.of(ttft, 0.5), Percentiles.of(ttft, 0.95), Percentiles.of(ttft, 0.99),
                Percentiles.of(duration, 0.5), Percentiles.of(duration, 0.95), Percentiles.of(duration, 0.99),
                Percentiles.of(items.stream().map(i -> i.outputTokensPerSecond).toList(), 0.5),
                Percentiles.of(items.stream().map(i -> i.queueSeconds).toList(), 0.95),
                // per-item gaps are already percentiles: the typical item's median, and the tail items' p95
                Percentiles.of(items.stream().map(i -> i.interTokenP50Seconds).toList(), 0.5),
                Percentiles.of(items.stream().map(i -> i.interTokenP95Seconds).toList(), 0.95));
    }

    /** The quality summary per task kind (generation, completion, review, search) of the items that have one. */
    static Map<String, Map<String, MetricSummary>> qualityByKind(List<ItemResult> items) {
        Map<String, Map<String, MetricSummary>> byKind = new TreeMap<>();
        items.stream().filter(i -> i.kind != null)
                .collect(Collectors.groupingBy(i -> i.kind, TreeMap::new, Collectors.toList()))
                .forEach((kind, list) -> byKind.put(kind, quality(list)));
        return byKind;
    }

    /** Each quality.* and similarity.* measure present on any item, summarised over the items that have it. */
    static Map<String, MetricSummary> quality(List<ItemResult> items) {
        Map<String, List<Double>> values = new TreeMap<>();
        for (ItemResult i : items) {
            if (i.metrics == null) {
                continue;
            }
            i.metrics.forEach((name, value) -> {
                if (value != null && (name.startsWith("quality.") || name.startsWith("similarity."))) {
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            });
        }
        Map<String, MetricSummary> out = new LinkedHashMap<>();
        values.forEach((name, list) -> out.put(name, summary(name, list)));
        return out;
    }

    static MetricSummary summary(String name, List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Double nonZero = countLike(name) ? values.stream().filter(v -> v != 0).count() / (double) values.size() : null;
        return new MetricSummary(values.size(), mean, Percentiles.of(values, 0.5), Percentiles.of(values, 0.9), max,
                nonZero);
    }

    /** Measures that count occurrences, where "any at all" is the share that matters. */
    static boolean countLike(String name) {
        return name.equals(ItemMetrics.TYPE_ERRORS) || name.equals(ItemMetrics.UNDEFINED_NAMES)
                || name.equals(ItemMetrics.SECURITY_FINDINGS) || name.startsWith(ItemMetrics.SECURITY_PREFIX);
    }

    static Map<String, Long> secondaryMix(List<ItemResult> items) {
        return items.stream().filter(i -> i.secondaryCategories != null).flatMap(i -> i.secondaryCategories.stream())
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    static Retries retries(List<ItemResult> items) {
        List<Integer> attempts = items.stream().map(i -> i.attempts).filter(Objects::nonNull).toList();
        long total = attempts.stream().mapToLong(Integer::longValue).sum();
        int retried = (int) attempts.stream().filter(a -> a > 1).count();
        return new Retries(attempts.size(), total, retried,
                attempts.isEmpty() ? null : total / (double) attempts.size());
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
