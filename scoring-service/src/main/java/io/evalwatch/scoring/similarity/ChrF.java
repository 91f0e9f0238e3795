package io.evalwatch.scoring.similarity;

import java.util.HashMap;
import java.util.Map;

/**
 * chrF, the character n-gram F-score (Popović 2015), computed as sacreBLEU 2.x does for one sentence and one
 * reference: character n-grams of orders 1..charOrder (no word n-grams), whitespace removed unless kept, per-order
 * precision and recall combined into an F-beta score. Two averaging modes, both sacreBLEU's: with epsilon smoothing
 * the per-order F-scores are averaged over every order (an order neither side reaches counts as 0); without it (the
 * default of sentence_chrf) precision and recall are averaged over the orders both sides reach, then combined.
 * Scores are 0..100.
 */
public final class ChrF {

    private static final double EPS = 1e-16;

    private final int charOrder;
    private final double beta;
    private final boolean epsSmoothing;
    private final boolean keepWhitespace;

    public ChrF(int charOrder, double beta, boolean epsSmoothing, boolean keepWhitespace) {
        if (charOrder < 1 || beta <= 0) {
            throw new IllegalArgumentException("charOrder >= 1 and beta > 0 required");
        }
        this.charOrder = charOrder;
        this.beta = beta;
        this.epsSmoothing = epsSmoothing;
        this.keepWhitespace = keepWhitespace;
    }

    /** sacreBLEU's sentence_chrf defaults: orders 1..6, beta 2, no epsilon smoothing, whitespace removed. */
    public static ChrF standard() {
        return new ChrF(6, 2.0, false, false);
    }

    public double score(String hypothesis, String reference) {
        String hyp = keepWhitespace ? hypothesis : withoutWhitespace(hypothesis);
        String ref = keepWhitespace ? reference : withoutWhitespace(reference);
        double factor = beta * beta;
        double fSum = 0;
        double precisionSum = 0;
        double recallSum = 0;
        int effectiveOrder = 0;
        for (int n = 1; n <= charOrder; n++) {
            Map<String, Integer> hypGrams = ngrams(hyp, n);
            Map<String, Integer> refGrams = ngrams(ref, n);
            int hypTotal = Math.max(0, hyp.length() - n + 1);
            int refTotal = Math.max(0, ref.length() - n + 1);
            int matches = 0;
            for (Map.Entry<String, Integer> e : hypGrams.entrySet()) {
                matches += Math.min(e.getValue(), refGrams.getOrDefault(e.getKey(), 0));
            }
            double precision = hypTotal > 0 ? (double) matches / hypTotal : EPS;
            double recall = refTotal > 0 ? (double) matches / refTotal : EPS;
            double denominator = factor * precision + recall;
            fSum += denominator > 0 ? (1 + factor) * precision * recall / denominator : EPS;
            if (hypTotal > 0 && refTotal > 0) {
                precisionSum += precision;
                recallSum += recall;
                effectiveOrder++;
            }
        }
        if (epsSmoothing) {
            return 100 * fSum / charOrder;
        }
        if (effectiveOrder == 0) {
            return 0.0;
        }
        double precision = precisionSum / effectiveOrder;
        double recall = recallSum / effectiveOrder;
        if (precision + recall == 0) {
            return 0.0;
        }
        return 100 * (1 + factor) * precision * recall / (factor * precision + recall);
    }

    private static Map<String, Integer> ngrams(String s, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= s.length(); i++) {
            counts.merge(s.substring(i, i + n), 1, Integer::sum);
        }
        return counts;
    }

    /** What Python's {@code ''.join(s.split())} leaves. */
    private static String withoutWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)).forEach(out::appendCodePoint);
        return out.toString();
    }
}
