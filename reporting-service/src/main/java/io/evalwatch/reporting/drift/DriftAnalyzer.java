package io.evalwatch.reporting.drift;

import io.evalwatch.reporting.drift.inference.BenjaminiHochberg;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares a candidate run of one model with its baseline run: see the package documentation for the method. */
public final class DriftAnalyzer {

    private DriftAnalyzer() {
    }

    /** The comparisons and findings of candidate against baseline under a policy; pure and reproducible. */
    public static DriftAnalysis analyze(RunSample baseline, RunSample candidate, DriftPolicy policy) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(policy, "policy");
        PairedItems paired = PairedItems.match(baseline, candidate);
        if (paired.all().isEmpty()) {
            return new DriftAnalysis(List.of(), List.of(),
                    summary(baseline, candidate, paired, policy, false, 0, null));
        }

        List<MetricTest> tests = new ArrayList<>(judgeable(paired.all(),
                QualityComparisons.of(Scopes.ALL, paired.all(), policy, true)));
        paired.byCategory().forEach((category, pairs) -> tests.addAll(judgeable(pairs,
                QualityComparisons.of(category, pairs, policy, isStrictCategory(category, policy)))));
        tests.addAll(judgeable(paired.all(), ServingComparisons.of(paired.all(), policy)));
        tests.addAll(judgeable(paired.all(), OutputComparisons.of(paired.all(), policy)));
        tests.addAll(SignalComparisons.of(paired.all(), policy));

        List<Compared> compared = decide(tests);
        OutputComparisons.Provenance provenance = OutputComparisons.Provenance.of(paired.all());
        FindingRules rules = new FindingRules(compared, provenance, policy);
        List<Finding> findings = rules.findings();
        int secondary = (int) tests.stream().filter(t -> !t.primary() && !t.tooFew()).count();
        return new DriftAnalysis(compared.stream().map(Compared::comparison).toList(), findings,
                summary(baseline, candidate, paired, policy, rules.gateOpen(), secondary, provenance));
    }

    /** A test with the comparison it became. */
    record Compared(MetricTest test, Comparison comparison) {
    }

    /** The tests of a scope, or their untested too_few versions when it has too few pairs or tasks. */
    static List<MetricTest> judgeable(List<PairedItems.Pair> pairs, List<MetricTest> tests) {
        long tasks = PairedItems.taskCount(pairs);
        if (pairs.size() >= DriftPolicy.MIN_PAIRS && tasks >= DriftPolicy.MIN_TASKS) {
            return tests;
        }
        return tests.stream().map(t -> t.asTooFew(pairs.size(), tasks)).toList();
    }

    /**
     * Primary tests stand alone at their level; all the other tested ones share one Benjamini-Hochberg family
     * (untested too_few comparisons are not part of it).
     */
    private static List<Compared> decide(List<MetricTest> tests) {
        double[] secondaryP = tests.stream().filter(t -> !t.primary() && !t.tooFew())
                .mapToDouble(MetricTest::pValue).toArray();
        double[] adjusted = BenjaminiHochberg.adjust(secondaryP);
        List<Compared> compared = new ArrayList<>(tests.size());
        int next = 0;
        for (MetricTest test : tests) {
            double q = test.primary() || test.tooFew() ? test.pValue() : adjusted[next++];
            compared.add(new Compared(test, test.decide(q)));
        }
        return compared;
    }

    static boolean isStrictCategory(String scope, DriftPolicy policy) {
        return !Scopes.ALL.equals(scope) && policy.isStrict(scope);
    }

    /** A seed per (scope, metric), so each resampled statistic is reproducible whatever else the analysis holds. */
    static long seedOf(DriftPolicy policy, String scope, String metric) {
        return policy.seed() * 0x9E3779B97F4A7C15L + (scope + '\u0000' + metric).hashCode();
    }

    private static Map<String, Object> summary(RunSample baseline, RunSample candidate, PairedItems paired,
            DriftPolicy policy, boolean gateOpen, int secondaryComparisons, OutputComparisons.Provenance provenance) {
        List<String> categories = new ArrayList<>(paired.byCategory().keySet());
        Evidence summary = Evidence.of()
                .put("baselineRunId", baseline.runId())
                .put("candidateRunId", candidate.runId())
                .put("model", candidate.model())
                .put("suiteVersion", Evidence.of().put("baseline", baseline.suiteVersion())
                        .put("candidate", candidate.suiteVersion()))
                .put("pairs", paired.all().size())
                .put("tasks", PairedItems.taskCount(paired.all()))
                .put("unmatched", Evidence.of().put("baselineOnly", paired.baselineOnly())
                        .put("candidateOnly", paired.candidateOnly()))
                .put("categories", categories)
                .put("strictCategories", categories.stream().filter(c -> isStrictCategory(c, policy)).toList())
                .put("primaryRegressed", gateOpen)
                .put("secondaryComparisons", secondaryComparisons)
                .put("alpha", policy.alpha());
        if (provenance != null) {
            summary.put("provenance", provenance.evidence());
        }
        return Collections.unmodifiableMap(summary.map());
    }
}
