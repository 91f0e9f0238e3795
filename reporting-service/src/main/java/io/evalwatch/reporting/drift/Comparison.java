package io.evalwatch.reporting.drift;

/**
 * One metric compared between baseline and candidate in one scope ("all" or a category). difference is candidate
 * minus baseline; ciLow/ciHigh its two-sided (1 - alpha of the scope) interval, null where none is computed. pValue
 * is the alerting test's (one-sided where only one direction is bad), adjustedPValue its Benjamini-Hochberg value
 * (equal to pValue for the pre-declared primary tests). verdict is regressed, improved (both only when significant),
 * changed (a significant shift of a metric with no better side, such as a format share), unchanged, or too_few: the
 * scope had fewer than {@link DriftPolicy#MIN_PAIRS} pairs or {@link DriftPolicy#MIN_TASKS} tasks, so nothing was
 * tested (pValue and adjustedPValue 1, no interval) and note says "too few items to judge (n=...)". note is null
 * otherwise.
 */
public record Comparison(String scope, String metric, double baseline, double candidate, double difference,
        Double ciLow, Double ciHigh, double pValue, double adjustedPValue, boolean significant, String verdict,
        String note) {

    public static final String REGRESSED = "regressed";
    public static final String IMPROVED = "improved";
    public static final String CHANGED = "changed";
    public static final String UNCHANGED = "unchanged";
    public static final String TOO_FEW = "too_few";

    /** A comparison without a note. */
    public Comparison(String scope, String metric, double baseline, double candidate, double difference,
            Double ciLow, Double ciHigh, double pValue, double adjustedPValue, boolean significant, String verdict) {
        this(scope, metric, baseline, candidate, difference, ciLow, ciHigh, pValue, adjustedPValue, significant,
                verdict, null);
    }

    /** The note of a comparison that was too small to test. */
    public static String tooFewNote(int pairs) {
        return "too few items to judge (n=" + pairs + ")";
    }
}
