package io.evalwatch.scoring.similarity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence-level BLEU as sacreBLEU 2.x computes it by default for one hypothesis and one reference: the 13a
 * tokenizer, n-grams up to 4, clipped counts, exponential smoothing of zero-match orders, effective order (orders the
 * hypothesis is too short to have are left out), brevity penalty, and a score of 0 when no unigram matches.
 * Scores are 0..100.
 */
public final class SentenceBleu {

    private static final int MAX_ORDER = 4;

    private SentenceBleu() {
    }

    public static double score(String hypothesis, String reference) {
        List<String> hyp = Tokenizer13a.tokens(hypothesis);
        List<String> ref = Tokenizer13a.tokens(reference);
        int[] correct = new int[MAX_ORDER];
        int[] total = new int[MAX_ORDER];
        for (int n = 1; n <= MAX_ORDER; n++) {
            Map<List<String>, Integer> hypGrams = ngrams(hyp, n);
            Map<List<String>, Integer> refGrams = ngrams(ref, n);
            total[n - 1] = Math.max(0, hyp.size() - n + 1);
            for (Map.Entry<List<String>, Integer> e : hypGrams.entrySet()) {
                correct[n - 1] += Math.min(e.getValue(), refGrams.getOrDefault(e.getKey(), 0));
            }
        }
        if (correct[0] == 0) {
            return 0.0; // sacreBLEU stops early: no match at all is 0, whatever the smoothing would give
        }
        double[] precisions = new double[MAX_ORDER];
        double smoothing = 1.0;
        int effectiveOrder = MAX_ORDER;
        for (int n = 1; n <= MAX_ORDER; n++) {
            if (total[n - 1] == 0) {
                break;
            }
            effectiveOrder = n;
            if (correct[n - 1] == 0) {
                smoothing *= 2;
                precisions[n - 1] = 100.0 / (smoothing * total[n - 1]);
            } else {
                precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
            }
        }
        double logSum = 0;
        for (int i = 0; i < effectiveOrder; i++) {
            logSum += precisions[i] == 0 ? -9_999_999_999.0 : Math.log(precisions[i]);
        }
        double brevity = hyp.size() < ref.size() ? (hyp.isEmpty() ? 0.0 : Math.exp(1 - (double) ref.size() / hyp.size()))
                : 1.0;
        return brevity * Math.exp(logSum / effectiveOrder);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }
}
