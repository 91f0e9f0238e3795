package io.evalwatch.scoring.kind;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.work.GoldLocation;
import io.evalwatch.scoring.kind.SearchAnswer.Location;
import io.evalwatch.scoring.score.FailureClassifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Search: the answer's ranked locations (GenerationCompleted.output, {@link SearchAnswer}) against the task's gold
 * locations (best first).
 *
 * <p>Each answer, in rank order, is an exact hit (the file of a gold location not yet hit, and its symbol when the
 * gold names one; a gold without a symbol is hit by its file), a near miss (the file of a gold location, the symbol
 * wrong or missing) or a miss. An answer repeating an earlier location is a miss; each gold location is hit at most
 * once (a second answer in a file-only gold's file is a near miss, and gains nothing).
 *
 * <ul>
 * <li>mrr: 1 / rank of the first exact hit over the whole list, 0 without one.</li>
 * <li>ndcg_at_5: DCG = sum over the first 5 ranks of gain / log2(rank + 1). Gain 1 for an exact hit; 0.5 for a
 * near miss, credited once per gold location that no answer in the first 5 hits exactly (its first near miss not
 * already credited to another gold), so a gold contributes at most once and nDCG stays within 0..1. Ideal DCG: the
 * gold list ranked first, gain 1 each, over min(gold, 5) ranks.</li>
 * <li>precision_at_1, precision_at_5: exact hits among the first 1 / 5 ranks divided by 1 / 5 (a shorter list is not
 * excused); recall_at_5: exact hits among the first 5 / number of gold locations.</li>
 * <li>exact_hit, near_miss: what the first answer is; answers: how many locations the list has.</li>
 * <li>passed: the first answer is an exact hit; weighted: nDCG@5; failure: none, almost_correct (an exact hit
 * within the first 5, or a near miss first) or wrong_answer. No readable JSON list: refusal when the text reads as
 * one, else format_failure, weighted 0 and the measures of an empty list.</li>
 * </ul>
 */
public class SearchScorer implements KindScorer {

    static final int K = 5;
    static final double NEAR_MISS_GAIN = 0.5;

    enum Hit { EXACT, NEAR, MISS }

    @Override
    public KindVerdict score(GenerationCompleted g, ExecutionCompleted execution) {
        List<GoldLocation> gold = g.task() == null ? List.of() : g.task().gold();
        Optional<SearchAnswer> answer = SearchAnswer.parse(g.output());
        if (answer.isEmpty()) {
            FailureCategory failure = FailureClassifier.refusal(g.output()) ? FailureCategory.REFUSAL
                    : FailureCategory.FORMAT_FAILURE;
            return KindVerdict.unexecuted(false, 0.0, failure, metrics(gold, List.of()));
        }
        List<Location> locations = answer.get().locations();
        Map<String, Double> metrics = metrics(gold, locations);
        List<Hit> hits = hits(gold, locations).hits();
        boolean passed = !hits.isEmpty() && hits.get(0) == Hit.EXACT;
        boolean exactInTopK = hits.stream().limit(K).anyMatch(h -> h == Hit.EXACT);
        FailureCategory failure = passed ? FailureCategory.NONE
                : exactInTopK || !hits.isEmpty() && hits.get(0) == Hit.NEAR ? FailureCategory.ALMOST_CORRECT
                : FailureCategory.WRONG_ANSWER;
        return KindVerdict.unexecuted(passed, metrics.get(ItemMetrics.SEARCH_NDCG_AT_5), failure, metrics);
    }

    static Map<String, Double> metrics(List<GoldLocation> gold, List<Location> locations) {
        Ranking ranking = hits(gold, locations);
        List<Hit> hits = ranking.hits();
        double mrr = 0;
        for (int r = 0; r < hits.size(); r++) {
            if (hits.get(r) == Hit.EXACT) {
                mrr = 1.0 / (r + 1);
                break;
            }
        }
        int exactAt5 = (int) hits.stream().limit(K).filter(h -> h == Hit.EXACT).count();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(ItemMetrics.SEARCH_MRR, mrr);
        metrics.put(ItemMetrics.SEARCH_NDCG_AT_5, ndcg(gold, locations, ranking));
        metrics.put(ItemMetrics.SEARCH_PRECISION_AT_1, !hits.isEmpty() && hits.get(0) == Hit.EXACT ? 1.0 : 0.0);
        metrics.put(ItemMetrics.SEARCH_PRECISION_AT_5, (double) exactAt5 / K);
        metrics.put(ItemMetrics.SEARCH_RECALL_AT_5, gold.isEmpty() ? 0.0 : (double) exactAt5 / gold.size());
        metrics.put(ItemMetrics.SEARCH_EXACT_HIT, !hits.isEmpty() && hits.get(0) == Hit.EXACT ? 1.0 : 0.0);
        metrics.put(ItemMetrics.SEARCH_NEAR_MISS, !hits.isEmpty() && hits.get(0) == Hit.NEAR ? 1.0 : 0.0);
        metrics.put(ItemMetrics.SEARCH_ANSWERS, (double) locations.size());
        return metrics;
    }

    /** What each answer is, and which gold location each exact hit hit (-1 for the others). */
    record Ranking(List<Hit> hits, List<Integer> goldHit) {
    }

    static Ranking hits(List<GoldLocation> gold, List<Location> locations) {
        List<Hit> hits = new ArrayList<>();
        List<Integer> goldHit = new ArrayList<>();
        Set<Location> seen = new HashSet<>();
        boolean[] hit = new boolean[gold.size()];
        for (Location at : locations) {
            int g = -1;
            Hit kind = Hit.MISS;
            if (at.file() != null && seen.add(at)) {
                for (int i = 0; i < gold.size() && g < 0; i++) {
                    if (!hit[i] && exact(gold.get(i), at)) {
                        g = i;
                    }
                }
                if (g >= 0) {
                    hit[g] = true;
                    kind = Hit.EXACT;
                } else if (gold.stream().anyMatch(gl -> sameFile(gl, at))) {
                    kind = Hit.NEAR;
                }
            }
            hits.add(kind);
            goldHit.add(g);
        }
        return new Ranking(hits, goldHit);
    }

    private static double ndcg(List<GoldLocation> gold, List<Location> locations, Ranking ranking) {
        if (gold.isEmpty()) {
            return 0.0;
        }
        int depth = Math.min(K, locations.size());
        double[] gains = new double[depth];
        boolean[] exactlyHit = new boolean[gold.size()];
        for (int r = 0; r < depth; r++) {
            if (ranking.hits().get(r) == Hit.EXACT) {
                gains[r] = 1.0;
                exactlyHit[ranking.goldHit().get(r)] = true;
            }
        }
        boolean[] credited = new boolean[depth];
        for (int i = 0; i < gold.size(); i++) {
            if (exactlyHit[i]) {
                continue;
            }
            for (int r = 0; r < depth; r++) {
                if (ranking.hits().get(r) == Hit.NEAR && !credited[r] && sameFile(gold.get(i), locations.get(r))) {
                    gains[r] = NEAR_MISS_GAIN;
                    credited[r] = true;
                    break;
                }
            }
        }
        double dcg = 0;
        for (int r = 0; r < depth; r++) {
            dcg += gains[r] / log2(r + 2);
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(K, gold.size()); r++) {
            ideal += 1.0 / log2(r + 2);
        }
        return dcg / ideal;
    }

    private static boolean exact(GoldLocation gold, Location at) {
        String symbol = SearchAnswer.normaliseSymbol(gold.symbol());
        return sameFile(gold, at) && (symbol == null || symbol.equals(at.symbol()));
    }

    private static boolean sameFile(GoldLocation gold, Location at) {
        return at.file() != null && Objects.equals(AnswerJson.normalisePath(gold.file()), at.file());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
