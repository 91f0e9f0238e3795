package io.evalwatch.reporting.metrics;

import io.evalwatch.events.PromptVariant;
import io.evalwatch.reporting.report.ContaminationSection;
import io.evalwatch.reporting.report.LongContextSections;
import io.evalwatch.reporting.report.VariantSections;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.ItemScored;
import io.evalwatch.reporting.composite.CompositeScore;
import io.evalwatch.reporting.composite.SuiteCompositeWeights;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.report.KindSections;
import io.evalwatch.reporting.report.RunReportBuilder;
import io.evalwatch.reporting.ledger.RunRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Histogram;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What Prometheus sees of results: per-item score distributions, end-to-end item latency, and the pass rate,
 * weighted accuracy and composite score (the suite's weights, no human part) of each model's last completed run per
 * suite and category ("all" for the whole suite). Every figure of results is of the base prompt variant (a run's
 * plain items): other variants are counted only in the pipeline's item latency and, for a run of several variants,
 * in evalwatch_run_variant_pass_rate{model,suite,variant}.
 */
@ApplicationScoped
public class ReportingMetrics {

    /** Bucket edges for weighted accuracy, which ranges from -1 to 1. */
    static final double[] SCORE_BUCKETS = {-0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.625, 0.75, 0.875, 0.99, 1.0};

    private final MeterRegistry registry;
    private final Histogram itemScore;
    private final Map<Tags, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();
    private final SuiteCompositeWeights compositeWeights;

    /**
     * Micrometer only accepts positive bucket bounds, and scores go down to -1: the score histogram is a
     * Prometheus client histogram registered in the same registry that serves /q/metrics.
     */
    public ReportingMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus,
            SuiteCompositeWeights compositeWeights) {
        this.registry = registry;
        this.compositeWeights = compositeWeights;
        this.itemScore = Histogram.build()
                .name("evalwatch_item_score")
                .help("Weighted accuracy of each scored item (-1 to 1), per model, task category and kind")
                .labelNames("model", "category", "kind")
                .buckets(SCORE_BUCKETS)
                .register(prometheus.getPrometheusRegistry());
    }

    public void itemScored(ItemScored item) {
        if (item.dispatchedAt() != null && item.occurredAt() != null) {
            Timer.builder("evalwatch_pipeline_item_seconds")
                    .description("Time from dispatch to score of one item")
                    .tags("model", safe(item.model()))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofMinutes(30))
                    .register(registry)
                    .record(Duration.between(item.dispatchedAt(), item.occurredAt()));
        }
        if (item.variant() != null && !PromptVariant.BASE.id().equals(item.variant())) {
            return;
        }
        String kind = item.kind().name().toLowerCase(Locale.ROOT);
        itemScore.labels(safe(item.model()), safe(item.category()), kind).observe(item.weightedAccuracy());
        qualityFindings(item, kind);
        registry.counter("evalwatch_items_total", "model", safe(item.model()), "outcome",
                item.passed() ? "passed" : "failed", "failure_category", item.failureCategory().label()).increment();
    }

    /** What the static analysers found in the item's code, counted per tool and severity. */
    private void qualityFindings(ItemScored item, String kind) {
        Map<String, Double> m = item.metrics();
        for (String severity : ItemMetrics.SEVERITIES) {
            findings(item, kind, "bandit", severity, m.get(ItemMetrics.SECURITY_PREFIX + severity));
        }
        findings(item, kind, "mypy", "error", m.get(ItemMetrics.TYPE_ERRORS));
        findings(item, kind, "pyflakes", "undefined_name", m.get(ItemMetrics.UNDEFINED_NAMES));
    }

    private void findings(ItemScored item, String kind, String tool, String severity, Double count) {
        if (count != null && count > 0) {
            registry.counter("evalwatch_item_quality_findings_total", "model", safe(item.model()), "kind", kind,
                    "tool", tool, "severity", severity).increment(count);
        }
    }

    public void itemErrored(String stage) {
        registry.counter("evalwatch_items_errored_total", "stage", stage).increment();
    }

    /** A record some stage could not process, by the dead-letter topic it landed in. */
    public void deadLetter(String topic) {
        registry.counter("evalwatch_dead_letters_total", "topic", topic).increment();
    }

    /** A run that stalled past its deadline: its figures are not published as a run's (it is never judged). */
    public void runIncomplete(RunRecord run) {
        registry.counter("evalwatch_runs_incomplete_total", "suite", safe(run.suite), "trigger", safe(run.trigger))
                .increment();
    }

    public void runCompleted(RunRecord run, List<ItemResult> items) {
        registry.counter("evalwatch_runs_completed_total", "suite", safe(run.suite), "trigger", safe(run.trigger))
                .increment();
        Map<String, List<ItemResult>> byModel = ItemResult.plain(items).stream()
                .filter(i -> i.model != null).collect(Collectors.groupingBy(i -> i.model));
        byModel.forEach((model, modelItems) -> {
            setRunGauges(model, run.suite, "all", modelItems);
            modelItems.stream().filter(i -> i.category != null).collect(Collectors.groupingBy(i -> i.category))
                    .forEach((category, categoryItems) -> setRunGauges(model, run.suite, category, categoryItems));
            gauge("evalwatch_run_completed_timestamp_seconds", Tags.of("model", model, "suite", safe(run.suite)),
                    Instant.now().getEpochSecond());
            setKindAndTagGauges(model, run.suite, modelItems);
        });
        var variants = VariantSections.of(run.runId, run.suiteVersion, items);
        variants.forEach(m -> m.variants().forEach(v -> gauge(
                "evalwatch_run_variant_pass_rate", Tags.of("model", m.model(), "suite", safe(run.suite), "variant",
                        v.variant()), v.passRate())));
        // the contamination probe: the pass-rate drop from originals to their twins, and whether it flags the model
        ContaminationSection.of(variants).forEach(p -> {
            Tags tags = Tags.of("model", p.model(), "suite", safe(run.suite));
            gauge("evalwatch_run_twin_pass_rate_drop", tags, p.drop());
            gauge("evalwatch_run_contamination_flagged", tags, p.flagged() ? 1 : 0);
        });
        // the long-context probe's curve: needles found by model, size and position
        LongContextSections.of(items).forEach(m -> m.sizes().forEach(c -> c.positions().forEach(p -> gauge(
                "evalwatch_run_long_context_accuracy", Tags.of("model", m.model(), "suite", safe(run.suite), "size",
                        c.size(), "position", Integer.toString(p.position())), p.accuracy()))));
    }

    /**
     * Each task kind's section figures (pass_rate, weighted_score, and the kind's own: mrr, ndcg_at_5, f1,
     * tier2_recall, exact_match, ...) as evalwatch_run_kind_figure{model,suite,kind,figure}; and the pass rate and
     * weighted score per task tag as evalwatch_run_tag_pass_rate / evalwatch_run_tag_weighted_score{model,suite,tag}.
     * A suite's tags are few and fixed by its authors, so the label stays bounded.
     */
    private void setKindAndTagGauges(String model, String suite, List<ItemResult> items) {
        items.stream().filter(i -> i.kind != null).collect(Collectors.groupingBy(i -> i.kind))
                .forEach((kind, kindItems) -> KindSections.of(kind, kindItems).forEach((figure, value) -> gauge(
                        "evalwatch_run_kind_figure", Tags.of("model", model, "suite", safe(suite), "kind", kind,
                                "figure", figure), value)));
        for (var tag : RunReportBuilder.tags(items)) {
            Tags tags = Tags.of("model", model, "suite", safe(suite), "tag", tag.tag());
            gauge("evalwatch_run_tag_pass_rate", tags, tag.passAt1());
            gauge("evalwatch_run_tag_weighted_score", tags, tag.weightedScore());
        }
    }

    private void setRunGauges(String model, String suite, String category, List<ItemResult> items) {
        Tags tags = Tags.of("model", model, "suite", safe(suite), "category", category);
        gauge("evalwatch_run_pass_rate", tags, items.stream().filter(i -> i.passed).count() / (double) items.size());
        gauge("evalwatch_run_weighted_accuracy", tags,
                items.stream().mapToDouble(i -> i.weightedAccuracy).average().orElse(0));
        CompositeScore composite = CompositeScore.of(items, null, compositeWeights.of(suite));
        gauge("evalwatch_run_composite", tags, composite.value());
        // each part's value (0..1, higher better); NaN for a part this run could not measure, so an earlier run's
        // value never stands in for it
        composite.parts().forEach(p -> gauge("evalwatch_run_composite_part", tags.and("part", p.part().key()),
                p.value()));
        composite.missing().forEach(p -> gauge("evalwatch_run_composite_part", tags.and("part", p.key()), Double.NaN));
    }

    private void gauge(String name, Tags tags, double value) {
        gauges.computeIfAbsent(tags.and("__name", name), key -> {
            AtomicReference<Double> holder = new AtomicReference<>(value);
            registry.gauge(name, tags, holder, AtomicReference::get);
            return holder;
        }).set(value);
    }

    private static String safe(String value) {
        return value == null ? "unknown" : value;
    }
}
