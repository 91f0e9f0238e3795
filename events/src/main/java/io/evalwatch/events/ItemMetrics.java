package io.evalwatch.events;

import java.util.List;

/**
 * The names of the measures in {@link ItemScored#metrics()}: one vocabulary for scoring, reporting, drift and the
 * dashboards. A measure is absent when it was not taken (no analysis, no reference), never stored as 0.
 *
 * <p>Direction matters to drift: for every {@code quality.*} measure lower is better (more findings are worse); for
 * every {@code similarity.*} measure higher is closer to the reference.
 */
public final class ItemMetrics {

    /** The highest McCabe complexity of any function in the answer. */
    public static final String COMPLEXITY = "quality.complexity";
    /** The answer's complexity less the reference solution's (positive: more convoluted than needed). */
    public static final String COMPLEXITY_DELTA = "quality.complexity_delta";
    /** Type errors mypy reports. */
    public static final String TYPE_ERRORS = "quality.type_errors";
    /** Names pyflakes reports as undefined. */
    public static final String UNDEFINED_NAMES = "quality.undefined_names";
    /** Security findings of bandit, all severities. */
    public static final String SECURITY_FINDINGS = "quality.security_findings";
    /** Security findings of one severity: the prefix followed by low, medium or high. */
    public static final String SECURITY_PREFIX = "quality.security.";
    public static final List<String> SEVERITIES = List.of("low", "medium", "high");

    /** 1 when the answer's code equals the reference's after normalising whitespace, else 0. */
    public static final String EXACT_MATCH = "similarity.exact_match";
    /** 1 - normalised Levenshtein distance between answer and reference code. */
    public static final String EDIT_SIMILARITY = "similarity.edit";
    /** chrF (character n-gram F-score, beta 2), 0..100. */
    public static final String CHRF = "similarity.chrf";
    /** Sentence BLEU (4-grams, exponential smoothing as sacreBLEU's default), 0..100. */
    public static final String BLEU = "similarity.bleu";

    public static final List<String> QUALITY = List.of(COMPLEXITY, COMPLEXITY_DELTA, TYPE_ERRORS, UNDEFINED_NAMES,
            SECURITY_FINDINGS, SECURITY_PREFIX + "low", SECURITY_PREFIX + "medium", SECURITY_PREFIX + "high");
    public static final List<String> SIMILARITY = List.of(EXACT_MATCH, EDIT_SIMILARITY, CHRF, BLEU);

    private ItemMetrics() {
    }

    /** True when a lower value of the measure is the better one. */
    public static boolean lowerIsBetter(String name) {
        return name.startsWith("quality.");
    }
}
