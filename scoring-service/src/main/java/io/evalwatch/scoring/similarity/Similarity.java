package io.evalwatch.scoring.similarity;

import io.evalwatch.events.ItemMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * How close an answer's code is to the task's reference solution: exact match (after normalising whitespace),
 * normalised edit similarity, chrF and BLEU. Never a verdict of correctness (the tests decide that): a change in
 * these distributions between runs says "look here", for example a model that now answers in a different style.
 */
public final class Similarity {

    /**
     * Longer code is cut before the edit distance, whose cost grows with the product of the lengths (8,000
     * characters each: about 64 M steps, well under a second); chrF and BLEU are linear and see all of it.
     */
    static final int EDIT_DISTANCE_LIMIT = 8_000;

    private Similarity() {
    }

    /** The similarity measures of an answer against a reference; empty when either is missing. */
    public static Map<String, Double> of(String code, String reference) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (code == null || reference == null || reference.isBlank()) {
            return metrics;
        }
        metrics.put(ItemMetrics.EXACT_MATCH, normalised(code).equals(normalised(reference)) ? 1.0 : 0.0);
        metrics.put(ItemMetrics.EDIT_SIMILARITY, editSimilarity(code, reference));
        metrics.put(ItemMetrics.CHRF, ChrF.standard().score(code, reference));
        metrics.put(ItemMetrics.BLEU, SentenceBleu.score(code, reference));
        return metrics;
    }

    /** 1 - Levenshtein distance / length of the longer text: 1 for equal texts, 0 for nothing in common. */
    public static double editSimilarity(String a, String b) {
        String x = a.length() > EDIT_DISTANCE_LIMIT ? a.substring(0, EDIT_DISTANCE_LIMIT) : a;
        String y = b.length() > EDIT_DISTANCE_LIMIT ? b.substring(0, EDIT_DISTANCE_LIMIT) : b;
        int longer = Math.max(x.length(), y.length());
        if (longer == 0) {
            return 1.0;
        }
        return 1.0 - (double) LevenshteinDistance.getDefaultInstance().apply(x, y) / longer;
    }

    /** Lines without trailing whitespace, no blank lines, no trailing newline: formatting noise is not a difference. */
    public static String normalised(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.replace("\r\n", "\n").split("\n")) {
            String trimmed = line.stripTrailing();
            if (!trimmed.isEmpty()) {
                out.append(trimmed).append('\n');
            }
        }
        return out.toString();
    }
}
