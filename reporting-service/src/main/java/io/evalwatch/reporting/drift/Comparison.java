package io.evalwatch.reporting.drift;

/**
 * One metric compared between baseline and candidate in one scope ("all" or a category). difference is candidate
 * minus baseline; ciLow/ciHigh its two-sided (1 - alpha of the scope) interval, null where none is computed. pValue
 * is the alerting test's (one-sided where only one direction is bad), adjustedPValue its Benjamini-Hochberg value
 * (equal to pValue for the pre-declared primary tests). verdict is regressed, improved, changed (a significant shift
 * of a metric with no better side, such as a format share) or unchanged.
 */
public record Comparison(String scope, String metric, double baseline, double candidate, double difference,
        Double ciLow, Double ciHigh, double pValue, double adjustedPValue, boolean significant, String verdict) {

    public static final String REGRESSED = "regressed";
    public static final String IMPROVED = "improved";
    public static final String CHANGED = "changed";
    public static final String UNCHANGED = "unchanged";
}
