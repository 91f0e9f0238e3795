package io.evalwatch.reporting.drift;

import io.evalwatch.events.ItemMetrics;
import io.evalwatch.reporting.drift.PairedItems.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The quality signals and the similarity to the reference, compared like any other measure, over the pairs whose
 * two items both carry the measure (an analyser switched off, or a baseline stored before it existed, leaves a pair
 * out rather than counting as clean).
 *
 * <ul>
 * <li>Findings (type errors, security findings, undefined names): the share of items free of them, tested for a
 * drop as the pass rate is (McNemar, one-sided), by at least {@link #MIN_FINDING_SHARE_DROP}. A model that starts adding
 * security findings is a finding.</li>
 * <li>Similarity (chrF, edit similarity): the mean, tested for a drop by the paired sign-flip test over tasks. Never
 * a verdict of correctness: a sudden drop says "look here" (a new style, another language, a different solution).</li>
 * </ul>
 */
final class SignalComparisons {

    /** The metric name of the share of items free of a finding: "clean:" and the measure's name. */
    static final String CLEAN_PREFIX = "clean:";
    static final List<String> FINDINGS = List.of(ItemMetrics.SECURITY_FINDINGS, ItemMetrics.TYPE_ERRORS,
            ItemMetrics.UNDEFINED_NAMES);
    /**
     * Smallest drop of a share of items free of a finding worth a warning. Not the pass rate's 0.05: per-task
     * propensities for findings vary far more than pass rates, and at 0.05 the drift benchmark opened the signal
     * 0.14 times per stream-year on unchanged models, over the 0.1 budget; at 0.13, 0.026 (bench/drift/RESULTS.md).
     */
    static final double MIN_FINDING_SHARE_DROP = 0.13;
    /** Smallest drop of mean chrF (0..100) worth a look. */
    static final double MIN_CHRF_DROP = 10.0;
    /** Smallest drop of mean edit similarity (0..1) worth a look. */
    static final double MIN_EDIT_DROP = 0.1;

    private SignalComparisons() {
    }

    static List<MetricTest> of(List<Pair> pairs, DriftPolicy policy) {
        List<MetricTest> tests = new ArrayList<>();
        for (String finding : FINDINGS) {
            List<Pair> measured = measured(pairs, finding);
            if (!measured.isEmpty()) {
                tests.addAll(DriftAnalyzer.judgeable(measured, List.of(QualityComparisons.share(Scopes.ALL,
                        CLEAN_PREFIX + finding, measured, item -> item.metrics().get(finding) == 0, policy.alpha(),
                        false, MIN_FINDING_SHARE_DROP))));
            }
        }
        similarity(tests, pairs, policy, ItemMetrics.CHRF, MIN_CHRF_DROP);
        similarity(tests, pairs, policy, ItemMetrics.EDIT_SIMILARITY, MIN_EDIT_DROP);
        return tests;
    }

    private static void similarity(List<MetricTest> tests, List<Pair> pairs, DriftPolicy policy, String measure,
            double minDrop) {
        List<Pair> measured = measured(pairs, measure);
        if (!measured.isEmpty()) {
            tests.addAll(DriftAnalyzer.judgeable(measured, List.of(QualityComparisons.resampled(Scopes.ALL, measure,
                    measured, policy.alpha(), policy, item -> item.metrics().get(measure), minDrop))));
        }
    }

    private static List<Pair> measured(List<Pair> pairs, String measure) {
        return pairs.stream().filter(p -> p.baseline().metrics().containsKey(measure)
                && p.candidate().metrics().containsKey(measure)).toList();
    }

    static boolean isFinding(String metric) {
        return metric.startsWith(CLEAN_PREFIX);
    }

    static boolean isSimilarity(String metric) {
        return ItemMetrics.SIMILARITY.contains(metric);
    }
}
