package io.evalwatch.reporting.report;

import io.evalwatch.reporting.composite.CompositeScore;
import io.evalwatch.reporting.drift.ContaminationProbe;
import io.evalwatch.reporting.drift.VariantComparison;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of one run: its progress and, per model, accuracy, the composite score with its parts, failure mix,
 * quality signals as distributions, retries, latency, cost and provenance. The per-model figures are of the base
 * prompt variant ({@code ItemResult.plain}); a run of several variants compares them per model in {@code variants}
 * (empty for a run of one variant), {@code contamination} holds each model's original tasks against their
 * contamination twins when the twin variant ran (empty otherwise), the consistency probe's repeats per model are
 * in {@code consistency}, and a run of the long-context probe has its accuracy by position and size in
 * {@code longContext} ({@link LongContextSections}; empty without the probe).
 */
public record RunReport(
        String runId,
        String suite,
        String suiteVersion,
        String status,
        String trigger,
        int samples,
        Integer expectedItems,
        int scoredItems,
        int erroredItems,
        Instant startedAt,
        Instant completedAt,
        List<ModelReport> models,
        List<ModelVariants> variants,
        List<ContaminationProbe> contamination,
        List<ModelConsistency> consistency,
        List<LongContextSections.ModelCurves> longContext) {

    /** A report without the consistency and long-context probes. */
    public RunReport(String runId, String suite, String suiteVersion, String status, String trigger, int samples,
            Integer expectedItems, int scoredItems, int erroredItems, Instant startedAt, Instant completedAt,
            List<ModelReport> models, List<ModelVariants> variants) {
        this(runId, suite, suiteVersion, status, trigger, samples, expectedItems, scoredItems, erroredItems,
                startedAt, completedAt, models, variants, List.of());
    }

    /** A report without the long-context probe. */
    public RunReport(String runId, String suite, String suiteVersion, String status, String trigger, int samples,
            Integer expectedItems, int scoredItems, int erroredItems, Instant startedAt, Instant completedAt,
            List<ModelReport> models, List<ModelVariants> variants, List<ModelConsistency> consistency) {
        this(runId, suite, suiteVersion, status, trigger, samples, expectedItems, scoredItems, erroredItems,
                startedAt, completedAt, models, variants, consistency, List.of());
    }

    /** A report whose contamination probe is derived from its variants (empty when no twin variant ran). */
    public RunReport(String runId, String suite, String suiteVersion, String status, String trigger, int samples,
            Integer expectedItems, int scoredItems, int erroredItems, Instant startedAt, Instant completedAt,
            List<ModelReport> models, List<ModelVariants> variants, List<ModelConsistency> consistency,
            List<LongContextSections.ModelCurves> longContext) {
        this(runId, suite, suiteVersion, status, trigger, samples, expectedItems, scoredItems, erroredItems,
                startedAt, completedAt, models, variants, ContaminationSection.of(variants), consistency, longContext);
    }

    /**
     * One model's consistency probe (the {@code repeat} variant): the same prompts answered repeatedly, and what
     * that says about the noise of its figures (see drift/Consistency).
     */
    public record ModelConsistency(String model, io.evalwatch.reporting.drift.Consistency.Result repeats) {
    }

    /** One model's prompt variants: each one's figures, and each variant compared with base on the same tasks. */
    public record ModelVariants(String model, List<VariantFigures> variants,
            List<VariantComparison.Result> comparisons) {
    }

    /**
     * One variant's figures over its scored items: pass rate, weighted score, latency (median TTFT and total, mean
     * output tokens) and cost per completed task (an answer from the provider; failed calls still cost). The changes
     * are the variant's medians relative to base's (0.25: 25 % slower), null for base or when not measured.
     */
    public record VariantFigures(String variant, int items, int passed, double passRate, double weightedScore,
            Double ttftP50Seconds, Double durationP50Seconds, double meanOutputTokens, Double costPerCompletedTaskUsd,
            int completedTasks, Double ttftChange, Double durationChange) {
    }

    /**
     * One model's results in the run. failureMix counts primary categories (one per item), secondaryFailureMix the
     * secondary ones (an item may carry several or none). quality summarises each quality.* and similarity.* measure
     * taken, by name.
     */
    public record ModelReport(
            String model,
            int items,
            int passed,
            double passAt1,
            Map<String, Double> passAtK,
            double weightedAccuracy,
            ScoreDistribution weightedAccuracyDistribution,
            double meanTestPassFraction,
            CompositeScore composite,
            Map<String, Long> failureMix,
            Map<String, Long> secondaryFailureMix,
            Map<String, Long> codeFormats,
            Map<String, MetricSummary> quality,
            Retries retries,
            Latency latency,
            Cost cost,
            List<CategoryReport> categories,
            List<String> responseModelIds,
            List<String> systemFingerprints,
            JudgeReport judge,
            Map<String, Map<String, MetricSummary>> qualityByKind,
            List<KindReport> kinds,
            List<TagReport> tags) {
    }

    /**
     * One task kind's section: its items, pass rate and weighted score, its headline figures (see
     * {@link KindSections}: for review micro-averaged precision, recall and F1 overall and per tier; for search MRR,
     * nDCG@5, precision and recall at k; for completion exact match, edit similarity and identifier F1), and every
     * named measure its items carry, summarised.
     */
    public record KindReport(String kind, int items, int passed, double passAt1, double weightedScore,
            Map<String, Double> figures, Map<String, MetricSummary> metrics) {
    }

    /** The items of one task tag (an item counts under each of its task's tags): accuracy and every measure. */
    public record TagReport(String tag, int items, int passed, double passAt1, double weightedScore,
            Map<String, MetricSummary> metrics) {
    }

    /**
     * What the suite's LLM judge made of this model's answers (null when none was judged). The judge never decides
     * pass/fail; agreement compares its verdict (score >= {@link #ACCEPT_SCORE}) with the automated one over the
     * items it scored, as a share and as Cohen's kappa (null with the reason when undefined).
     *
     * @param itemsJudged stored items with a judgement, scored or not
     * @param unscored judgements without a score (the reply could not be read, the call failed)
     * @param distribution items per score, "1" to "5", each present
     * @param costUsd what the judge calls cost (not part of the model's own cost)
     */
    public record JudgeReport(List<String> judgeModels, int itemsJudged, int unscored, Double meanScore,
            Map<String, Long> distribution, int compared, Double agreement, Double kappa,
            String kappaUndefinedBecause, double costUsd) {

        public static final int ACCEPT_SCORE = 4;
    }

    /**
     * Accuracy within one category of tasks: quality holds the quality.* and similarity.* measures, metrics every
     * named measure (the kinds' own included).
     */
    public record CategoryReport(String category, int items, int passed, double passAt1, double weightedAccuracy,
            Map<String, MetricSummary> quality, Map<String, MetricSummary> metrics) {
    }

    /**
     * The distribution of one measure over the items that have it: n items, mean, p50, p90 and max. nonZeroShare is
     * the share of those items with a value other than 0, for count-like measures (type errors, undefined names,
     * security findings); null for the others.
     */
    /**
     * How the items' weighted accuracy (-1..1) spreads, not only its mean: percentiles, and counts in five bins
     * (all tests failed or nothing ran at -1, mostly failing, mostly passing, almost all passing, all passed at 1).
     */
    public record ScoreDistribution(double min, double p10, double p50, double p90, double max,
            Map<String, Long> histogram) {
    }

    public record MetricSummary(int n, double mean, double p50, double p90, double max, Double nonZeroShare) {
    }

    /**
     * Model calls per item, retries included, over the items that recorded them (rows stored before attempts were
     * recorded are left out): total calls, items that needed more than one, mean calls per item (null when none).
     */
    public record Retries(int items, long totalAttempts, int retriedItems, Double meanAttempts) {
    }

    /**
     * Latency percentiles in seconds (null where nothing was measured). interTokenP50 is the median over items of
     * each item's median inter-token gap; interTokenP95 the p95 over items of each item's p95 gap (a tail of tails).
     */
    public record Latency(Double ttftP50, Double ttftP95, Double ttftP99, Double durationP50, Double durationP95,
            Double durationP99, Double outputTokensPerSecondP50, Double queueP95, Double interTokenP50,
            Double interTokenP95) {
    }

    /**
     * Cost in USD, retries included. perItem divides by every item; perPassedTask by the items that passed, the
     * price of one correct answer.
     */
    public record Cost(double totalUsd, double perItemUsd, Double perPassedTaskUsd, long inputTokens, long outputTokens) {
    }
}
