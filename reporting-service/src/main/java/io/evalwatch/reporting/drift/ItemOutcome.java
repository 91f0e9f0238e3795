package io.evalwatch.reporting.drift;

import io.evalwatch.events.PromptVariant;
import java.util.Map;

/**
 * What drift analysis needs of one scored item. Items of two runs are paired by (taskId, sample, variant); the
 * variants of one run by (taskId, sample). variant is the prompt variant (base when not given). weightedAccuracy is
 * the scorer's spectrum in [-1, 1]; codeFormat one of fenced, fenced_with_prose, raw, none; timings, fingerprint,
 * model id and output hash may be null when the provider did not report them. hostLagSeconds is the generator's own
 * scheduling lag and GC pause time while the item waited for its first token (delay the vendor did not cause); null
 * where not measured, read as 0. metrics are the item's named measures (ItemMetrics; empty when none were taken).
 */
public record ItemOutcome(String taskId, int sample, String category, boolean passed, double weightedAccuracy,
        Double ttftSeconds, Double durationSeconds, double costUsd, int outputTokens, String codeFormat,
        String systemFingerprint, String responseModelId, String outputHash, Double hostLagSeconds,
        Map<String, Double> metrics, String variant) {

    public ItemOutcome {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        variant = variant == null ? PromptVariant.BASE.id() : variant;
    }

    /** A base-variant item with its measures. */
    public ItemOutcome(String taskId, int sample, String category, boolean passed, double weightedAccuracy,
            Double ttftSeconds, Double durationSeconds, double costUsd, int outputTokens, String codeFormat,
            String systemFingerprint, String responseModelId, String outputHash, Double hostLagSeconds,
            Map<String, Double> metrics) {
        this(taskId, sample, category, passed, weightedAccuracy, ttftSeconds, durationSeconds, costUsd, outputTokens,
                codeFormat, systemFingerprint, responseModelId, outputHash, hostLagSeconds, metrics, null);
    }

    /** An item without measures beyond pass/fail. */
    public ItemOutcome(String taskId, int sample, String category, boolean passed, double weightedAccuracy,
            Double ttftSeconds, Double durationSeconds, double costUsd, int outputTokens, String codeFormat,
            String systemFingerprint, String responseModelId, String outputHash, Double hostLagSeconds) {
        this(taskId, sample, category, passed, weightedAccuracy, ttftSeconds, durationSeconds, costUsd, outputTokens,
                codeFormat, systemFingerprint, responseModelId, outputHash, hostLagSeconds, Map.of());
    }
}
