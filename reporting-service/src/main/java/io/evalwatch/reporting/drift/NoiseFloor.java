package io.evalwatch.reporting.drift;

import java.util.Locale;

/**
 * A stream's noise floor: how much the same model's answers to the same prompts vary between repeats, measured by
 * the consistency probe ({@link Consistency}), as the drift check reads it. The drift check must beat it: a drop is
 * worth an alarm only when it is at least {@code max(configured minimum, k x the noise's standard error of a
 * difference between two runs)}, where two runs of n items differ by noise alone with a standard error of
 * {@code sqrt(2 passVariance / n)} on the pass rate and {@code sqrt(2 scoreVariance / n)} on the weighted score.
 *
 * @param runId the run whose repeats measured it
 * @param passVariance pooled within-task variance of pass/fail across repeats
 * @param scoreVariance pooled within-task variance of the weighted score across repeats
 * @param tasks tasks with at least two repeats
 * @param repeats repeats per task (the most any task had)
 */
public record NoiseFloor(String runId, double passVariance, double scoreVariance, int tasks, int repeats) {

    public NoiseFloor {
        if (!(passVariance >= 0) || !(scoreVariance >= 0)) {
            throw new IllegalArgumentException("variances must be non-negative: " + passVariance + ", "
                    + scoreVariance);
        }
    }

    /** The noise's standard error of the pass-rate difference between two runs of n items each. */
    public double passRateStandardError(int items) {
        return items <= 0 ? 0 : Math.sqrt(2 * passVariance / items);
    }

    /** The noise's standard error of the weighted-score difference between two runs of n items each. */
    public double weightedScoreStandardError(int items) {
        return items <= 0 ? 0 : Math.sqrt(2 * scoreVariance / items);
    }

    /** The smallest pass-rate drop worth an alarm for a check of n items: the configured one or k noise errors. */
    public double minPassRateDrop(double configured, double k, int items) {
        return Math.max(configured, k * passRateStandardError(items));
    }

    /** The smallest weighted-score drop worth an alarm for a check of n items. */
    public double minWeightedAccuracyDrop(double configured, double k, int items) {
        return Math.max(configured, k * weightedScoreStandardError(items));
    }

    /** For a verdict's evidence: the figures and the minima they gave for a check of n items. */
    public java.util.Map<String, Object> evidence(double k, double configuredPass, double configuredScore,
            int items) {
        java.util.Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("runId", runId);
        e.put("passVariance", round(passVariance));
        e.put("scoreVariance", round(scoreVariance));
        e.put("tasks", tasks);
        e.put("repeats", repeats);
        e.put("k", k);
        e.put("items", items);
        e.put("minPassRateDrop", round(minPassRateDrop(configuredPass, k, items)));
        e.put("minWeightedAccuracyDrop", round(minWeightedAccuracyDrop(configuredScore, k, items)));
        e.put("note", String.format(Locale.ROOT, "a drop must beat max(configured minimum, %.1f x the noise "
                + "floor's standard error) to alarm", k));
        return e;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
