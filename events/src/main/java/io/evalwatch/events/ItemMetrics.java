package io.evalwatch.events;

import java.util.List;

/**
 * The names of the measures in {@link ItemScored#metrics()}: one vocabulary for scoring, reporting, drift and the
 * dashboards. A measure is absent when it was not taken (no analysis, no reference), never stored as 0.
 *
 * <p>Direction matters to drift: for every {@code quality.*} measure lower is better (more findings are worse); for
 * every {@code similarity.*} measure higher is closer to the reference. The measures of the other kinds
 * ({@code completion.*}, {@code review.*}, {@code search.*}) are higher-is-better, except the counts of mistakes:
 * review's false positives, false negatives and unparsable findings, and completion's invented identifiers.
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

    // completion: the answer's middle against the reference middle (scoring's kind/CompletionScorer)

    /** 1 when the middle equals the reference middle after normalising whitespace, else 0. */
    public static final String COMPLETION_EXACT_MATCH = "completion.exact_match";
    /** 1 - Levenshtein distance / length of the longer of middle and reference middle (as CrossCodeEval). */
    public static final String COMPLETION_EDIT_SIMILARITY = "completion.edit_similarity";
    /** Share of the middle's identifiers (a set; keywords and builtins excluded) that the reference middle uses. */
    public static final String COMPLETION_IDENTIFIER_PRECISION = "completion.identifier_precision";
    /** Share of the reference middle's identifiers (a set) that the middle uses. */
    public static final String COMPLETION_IDENTIFIER_RECALL = "completion.identifier_recall";
    /** Harmonic mean of identifier precision and recall. */
    public static final String COMPLETION_IDENTIFIER_F1 = "completion.identifier_f1";
    /**
     * Distinct names the middle uses that are defined nowhere: not in the reference middle, the hole's prefix or
     * suffix, the context files, the language's keywords and builtins, nor bound in the middle itself.
     */
    public static final String COMPLETION_INVENTED_IDENTIFIERS = "completion.invented_identifiers";

    // review: reported findings matched one-to-one with the known ones (scoring's kind/ReviewScorer)

    /** Known findings matched by a reported one. */
    public static final String REVIEW_TP = "review.tp";
    /** Reported findings that match no known one (duplicates of a matched one included). */
    public static final String REVIEW_FP = "review.fp";
    /** Known findings no reported one matched. */
    public static final String REVIEW_FN = "review.fn";
    public static final String REVIEW_PRECISION = "review.precision";
    public static final String REVIEW_RECALL = "review.recall";
    public static final String REVIEW_F1 = "review.f1";
    /** The false positives again, under the name reports show beside precision. */
    public static final String REVIEW_FALSE_POSITIVES = "review.false_positives";
    /** Reported findings without a file or a line: ignored for matching, counted here. */
    public static final String REVIEW_UNPARSABLE_FINDINGS = "review.unparsable_findings";
    /** Per tier counts: the prefix, the tier (1..3), then one of the suffixes (review.tier1.tp). */
    public static final String REVIEW_TIER_PREFIX = "review.tier";
    public static final String TIER_TP = ".tp";
    public static final String TIER_FP = ".fp";
    public static final String TIER_FN = ".fn";

    // search: a ranked list of locations against the gold ones (scoring's kind/SearchScorer)

    /** Reciprocal rank of the first exact hit, 0 when there is none. */
    public static final String SEARCH_MRR = "search.mrr";
    /** nDCG over the first 5 answers: gain 1 per exact hit, 0.5 per near miss of a gold not hit exactly. */
    public static final String SEARCH_NDCG_AT_5 = "search.ndcg_at_5";
    public static final String SEARCH_PRECISION_AT_1 = "search.precision_at_1";
    /** Exact hits among the first 5 answers / 5. */
    public static final String SEARCH_PRECISION_AT_5 = "search.precision_at_5";
    /** Exact hits among the first 5 answers / number of gold locations. */
    public static final String SEARCH_RECALL_AT_5 = "search.recall_at_5";
    /** 1 when the first answer is an exact hit. */
    public static final String SEARCH_EXACT_HIT = "search.exact_hit";
    /** 1 when the first answer is a near miss (the right file, not the right symbol). */
    public static final String SEARCH_NEAR_MISS = "search.near_miss";
    /** How many locations the answer listed. */
    public static final String SEARCH_ANSWERS = "search.answers";

    public static final List<String> QUALITY = List.of(COMPLEXITY, COMPLEXITY_DELTA, TYPE_ERRORS, UNDEFINED_NAMES,
            SECURITY_FINDINGS, SECURITY_PREFIX + "low", SECURITY_PREFIX + "medium", SECURITY_PREFIX + "high");
    public static final List<String> SIMILARITY = List.of(EXACT_MATCH, EDIT_SIMILARITY, CHRF, BLEU);
    public static final List<String> COMPLETION = List.of(COMPLETION_EXACT_MATCH, COMPLETION_EDIT_SIMILARITY,
            COMPLETION_IDENTIFIER_PRECISION, COMPLETION_IDENTIFIER_RECALL, COMPLETION_IDENTIFIER_F1,
            COMPLETION_INVENTED_IDENTIFIERS);
    /** The review measures of every task; the per-tier counts ({@link #reviewTier}) come beside them. */
    public static final List<String> REVIEW = List.of(REVIEW_TP, REVIEW_FP, REVIEW_FN, REVIEW_PRECISION,
            REVIEW_RECALL, REVIEW_F1, REVIEW_FALSE_POSITIVES, REVIEW_UNPARSABLE_FINDINGS);
    public static final List<String> SEARCH = List.of(SEARCH_MRR, SEARCH_NDCG_AT_5, SEARCH_PRECISION_AT_1,
            SEARCH_PRECISION_AT_5, SEARCH_RECALL_AT_5, SEARCH_EXACT_HIT, SEARCH_NEAR_MISS, SEARCH_ANSWERS);

    /** Measures whose higher value is the worse one besides the quality measures: counts of mistakes. */
    private static final List<String> MISTAKE_COUNTS = List.of(REVIEW_FP, REVIEW_FN, REVIEW_FALSE_POSITIVES,
            REVIEW_UNPARSABLE_FINDINGS, COMPLETION_INVENTED_IDENTIFIERS);

    private ItemMetrics() {
    }

    /** The name of a per-tier review count: reviewTier(1, TIER_TP) is review.tier1.tp. */
    public static String reviewTier(int tier, String suffix) {
        return REVIEW_TIER_PREFIX + tier + suffix;
    }

    /**
     * True when a lower value of the measure is the better one: the quality findings, and the counts of mistakes
     * (review's false positives and negatives, per tier too, unparsable findings; completion's invented identifiers).
     */
    public static boolean lowerIsBetter(String name) {
        if (name.startsWith("quality.") || MISTAKE_COUNTS.contains(name)) {
            return true;
        }
        return name.startsWith(REVIEW_TIER_PREFIX) && (name.endsWith(TIER_FP) || name.endsWith(TIER_FN));
    }
}
