package io.evalwatch.scoring.kind;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.scoring.score.FailureClassifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Review: the findings of the answer (GenerationCompleted.output, {@link ReviewAnswer}) matched one to one with the
 * task's known findings ({@link FindingMatcher}).
 *
 * <ul>
 * <li>tp: known findings matched; fn: known findings not matched; fp: reported findings not matched, a second
 * finding about an already matched known one (a duplicate) included. Unparsable findings are neither.</li>
 * <li>precision = tp / reported; with nothing reported it is 1 when there is nothing to find and 0 otherwise (a
 * silent reviewer has not been precise, it has said nothing). recall = tp / known, 1 with nothing to find.
 * F1 their harmonic mean, 0 when both are 0.</li>
 * <li>Per tier t present among the known findings: tier t's tp and fn from the known findings of that tier; every
 * false positive is charged to the task's highest tier (a reported finding matching nothing belongs to no known
 * finding; the task's hardest tier is what the task tests), the other tiers' fp are 0. Summed over items these
 * give micro-averaged precision, recall and F1 per tier.</li>
 * <li>passed: every known finding found and no false positive; weighted: F1; failure: none, almost_correct
 * (F1 &ge; 0.5) or wrong_answer. No readable JSON: refusal when the text reads as one, else format_failure, weighted
 * 0 and the measures of an answer that reported nothing (its misses still count in recall).</li>
 * </ul>
 */
public class ReviewScorer implements KindScorer {

    static final double ALMOST_CORRECT_F1 = 0.5;

    @Override
    public KindVerdict score(GenerationCompleted g, ExecutionCompleted execution) {
        List<KnownFinding> known = g.task() == null ? List.of() : g.task().findings();
        Optional<ReviewAnswer> answer = ReviewAnswer.parse(g.output());
        if (answer.isEmpty()) {
            FailureCategory failure = FailureClassifier.refusal(g.output()) ? FailureCategory.REFUSAL
                    : FailureCategory.FORMAT_FAILURE;
            return KindVerdict.unexecuted(false, 0.0, failure, metrics(known, new ReviewAnswer(List.of(), 0)));
        }
        Map<String, Double> metrics = metrics(known, answer.get());
        double f1 = metrics.get(ItemMetrics.REVIEW_F1);
        boolean passed = metrics.get(ItemMetrics.REVIEW_FN) == 0 && metrics.get(ItemMetrics.REVIEW_FP) == 0;
        FailureCategory failure = passed ? FailureCategory.NONE
                : f1 >= ALMOST_CORRECT_F1 ? FailureCategory.ALMOST_CORRECT : FailureCategory.WRONG_ANSWER;
        return KindVerdict.unexecuted(passed, f1, failure, metrics);
    }

    static Map<String, Double> metrics(List<KnownFinding> known, ReviewAnswer answer) {
        int[] matchOfKnown = FindingMatcher.match(known, answer.findings());
        int tp = 0;
        for (int m : matchOfKnown) {
            tp += m >= 0 ? 1 : 0;
        }
        int reported = answer.findings().size();
        int fp = reported - tp;
        int fn = known.size() - tp;
        double precision = reported == 0 ? (known.isEmpty() ? 1.0 : 0.0) : (double) tp / reported;
        double recall = known.isEmpty() ? 1.0 : (double) tp / known.size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(ItemMetrics.REVIEW_TP, (double) tp);
        metrics.put(ItemMetrics.REVIEW_FP, (double) fp);
        metrics.put(ItemMetrics.REVIEW_FN, (double) fn);
        metrics.put(ItemMetrics.REVIEW_PRECISION, precision);
        metrics.put(ItemMetrics.REVIEW_RECALL, recall);
        metrics.put(ItemMetrics.REVIEW_F1, F1.of(precision, recall));
        metrics.put(ItemMetrics.REVIEW_FALSE_POSITIVES, (double) fp);
        metrics.put(ItemMetrics.REVIEW_UNPARSABLE_FINDINGS, (double) answer.unparsable());
        TreeSet<Integer> tiers = new TreeSet<>();
        known.forEach(k -> tiers.add(k.tier()));
        for (int tier : tiers) {
            int tierTp = 0;
            int tierFn = 0;
            for (int k = 0; k < known.size(); k++) {
                if (known.get(k).tier() == tier) {
                    if (matchOfKnown[k] >= 0) {
                        tierTp++;
                    } else {
                        tierFn++;
                    }
                }
            }
            metrics.put(ItemMetrics.reviewTier(tier, ItemMetrics.TIER_TP), (double) tierTp);
            metrics.put(ItemMetrics.reviewTier(tier, ItemMetrics.TIER_FN), (double) tierFn);
            metrics.put(ItemMetrics.reviewTier(tier, ItemMetrics.TIER_FP), tier == tiers.last() ? (double) fp : 0.0);
        }
        return metrics;
    }
}
