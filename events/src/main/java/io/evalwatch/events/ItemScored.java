package io.evalwatch.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The score of one item, with everything reporting stores: who, what, how well, how fast, how costly, and the
 * provenance that lets a later run be compared with this one.
 *
 * <p>{@code metrics} holds the item's named measures beyond pass/fail, each present only when it was measured (see
 * {@link ItemMetrics} for the names): quality signals of the static analysers, similarity to the reference, and
 * the measures of the task's kind (completion, review, search). For review and search {@code tests} is empty and
 * {@code weightedAccuracy} is the kind's score in 0..1 (F1, nDCG@5).
 * {@code kind} is the task's kind of code work, {@code tags} the task's tags (reports break measures down by them). {@code attempts} counts the model calls the generator made for the item (retries included).
 */
public record ItemScored(
        int schemaVersion,
        String itemId,
        String runId,
        String suite,
        String suiteVersion,
        String taskId,
        String category,
        String model,
        int sample,
        String variant,
        boolean passed,
        int testsPassed,
        int testsTotal,
        double passFraction,
        double weightedAccuracy,
        FailureCategory failureCategory,
        List<FailureCategory> secondaryCategories,
        Map<String, Double> metrics,
        int attempts,
        List<TestResult> tests,
        String output,
        String codeFormat,
        Timings timings,
        Usage usage,
        double costUsd,
        Provenance provenance,
        Instant dispatchedAt,
        Instant occurredAt,
        TaskKind kind,
        List<String> tags) implements ItemEvent {

    public static final int SCHEMA_VERSION = 2;

    public ItemScored {
        kind = kind == null ? TaskKind.GENERATION : kind;
        secondaryCategories = secondaryCategories == null ? List.of() : List.copyOf(secondaryCategories);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A score without the task's tags. */
    public ItemScored(int schemaVersion, String itemId, String runId, String suite, String suiteVersion, String taskId,
            String category, String model, int sample, String variant, boolean passed, int testsPassed,
            int testsTotal, double passFraction, double weightedAccuracy, FailureCategory failureCategory,
            List<FailureCategory> secondaryCategories, Map<String, Double> metrics, int attempts,
            List<TestResult> tests, String output, String codeFormat, Timings timings, Usage usage, double costUsd,
            Provenance provenance, Instant dispatchedAt, Instant occurredAt, TaskKind kind) {
        this(schemaVersion, itemId, runId, suite, suiteVersion, taskId, category, model, sample, variant, passed,
                testsPassed, testsTotal, passFraction, weightedAccuracy, failureCategory, secondaryCategories, metrics,
                attempts, tests, output, codeFormat, timings, usage, costUsd, provenance, dispatchedAt, occurredAt,
                kind, List.of());
    }

    /** A score of a generation task (the kind of every task before kinds were told apart). */
    public ItemScored(int schemaVersion, String itemId, String runId, String suite, String suiteVersion, String taskId,
            String category, String model, int sample, String variant, boolean passed, int testsPassed,
            int testsTotal, double passFraction, double weightedAccuracy, FailureCategory failureCategory,
            List<FailureCategory> secondaryCategories, Map<String, Double> metrics, int attempts,
            List<TestResult> tests, String output, String codeFormat, Timings timings, Usage usage, double costUsd,
            Provenance provenance, Instant dispatchedAt, Instant occurredAt) {
        this(schemaVersion, itemId, runId, suite, suiteVersion, taskId, category, model, sample, variant, passed,
                testsPassed, testsTotal, passFraction, weightedAccuracy, failureCategory, secondaryCategories, metrics,
                attempts, tests, output, codeFormat, timings, usage, costUsd, provenance, dispatchedAt, occurredAt,
                TaskKind.GENERATION);
    }
}
