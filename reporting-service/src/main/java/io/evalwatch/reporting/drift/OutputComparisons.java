package io.evalwatch.reporting.drift;

import io.evalwatch.reporting.drift.PairedItems.Pair;
import io.evalwatch.reporting.drift.inference.DistributionShift;
import io.evalwatch.reporting.drift.inference.McNemarTest;
import io.evalwatch.reporting.drift.inference.PairedProportionInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The shape of the answers to the same prompts: output length and the share of each code format. A change in
 * either, with or without a quality change, hints that something other than the model's skill moved.
 */
final class OutputComparisons {

    static final String OUTPUT_TOKENS = "outputTokensMedian";
    static final String FORMAT_SHARE = "formatShare.";
    static final String UNKNOWN_FORMAT = "unknown";

    private OutputComparisons() {
    }

    static List<MetricTest> of(List<Pair> pairs, DriftPolicy policy) {
        List<MetricTest> tests = new ArrayList<>();
        if (pairs.isEmpty()) {
            return tests;
        }
        if (pairs.size() >= ServingComparisons.MIN_SAMPLES) {
            tests.add(outputLength(pairs, policy));
        }
        SortedSet<String> formats = new TreeSet<>();
        pairs.forEach(p -> {
            formats.add(format(p.baseline()));
            formats.add(format(p.candidate()));
        });
        for (String format : formats) {
            tests.add(formatShare(format, pairs, policy));
        }
        return tests;
    }

    private static MetricTest outputLength(List<Pair> pairs, DriftPolicy policy) {
        double[] baseline = pairs.stream().mapToDouble(p -> p.baseline().outputTokens()).toArray();
        double[] candidate = pairs.stream().mapToDouble(p -> p.candidate().outputTokens()).toArray();
        DistributionShift.Result shift = DistributionShift.of(baseline, candidate);
        double ratio = shift.medianRatio();
        String verdict = Double.isFinite(ratio) && Math.abs(ratio - 1) >= policy.outputLengthChange()
                ? Comparison.CHANGED : null;
        Evidence evidence = Evidence.of()
                .put("baseline", Evidence.of().put("median", shift.baselineMedian()).put("p95", shift.baselineP95()))
                .put("candidate", Evidence.of().put("median", shift.candidateMedian()).put("p95", shift.candidateP95()))
                .put("medianRatio", ratio)
                .put("p", shift.pTwoSided())
                .put("test", "Mann-Whitney U, two-sided")
                .put("ks", Evidence.of().put("d", shift.ksStatistic()).put("p", shift.ksP()))
                .put("threshold", policy.outputLengthChange());
        return new MetricTest(Scopes.ALL, OUTPUT_TOKENS, shift.baselineMedian(), shift.candidateMedian(),
                shift.candidateMedian() - shift.baselineMedian(), null, null, shift.pTwoSided(), false,
                policy.alpha(), verdict, false, evidence.map());
    }

    private static MetricTest formatShare(String format, List<Pair> pairs, DriftPolicy policy) {
        PairedCounts counts = PairedCounts.of(pairs, item -> format.equals(format(item)));
        double level = policy.alpha();
        McNemarTest.Result test = McNemarTest.twoSided(counts.candidateOnly(), counts.baselineOnly());
        PairedProportionInterval.Interval ci = PairedProportionInterval.of(counts.both(), counts.candidateOnly(),
                counts.baselineOnly(), counts.neither(), 1 - level);
        double baseline = counts.baselineShare();
        double candidate = counts.candidateShare();
        String verdict = Math.abs(candidate - baseline) >= policy.formatRateChange() - 1e-9 ? Comparison.CHANGED : null;
        Evidence evidence = Evidence.of()
                .put("baseline", baseline)
                .put("candidate", candidate)
                .put("ci", Evidence.interval(ci.low(), ci.high()))
                .put("p", test.midP())
                .put("test", "McNemar exact mid-p, two-sided")
                .put("switched", Evidence.of().put("to", counts.candidateOnly()).put("from", counts.baselineOnly()))
                .put("threshold", policy.formatRateChange());
        return new MetricTest(Scopes.ALL, FORMAT_SHARE + format, baseline, candidate, candidate - baseline, ci.low(),
                ci.high(), test.midP(), false, level, verdict, false, evidence.map());
    }

    static String format(ItemOutcome item) {
        return item.codeFormat() == null || item.codeFormat().isBlank() ? UNKNOWN_FORMAT : item.codeFormat();
    }

    /** Who answered, as the provider reported it, in both runs. */
    record Provenance(SortedSet<String> baselineFingerprints, SortedSet<String> candidateFingerprints,
            SortedSet<String> baselineModelIds, SortedSet<String> candidateModelIds, Double exactOutputAgreement,
            int hashedPairs) {

        static Provenance of(List<Pair> pairs) {
            int hashed = 0;
            int identical = 0;
            for (Pair p : pairs) {
                if (p.baseline().outputHash() != null && p.candidate().outputHash() != null) {
                    hashed++;
                    if (p.baseline().outputHash().equals(p.candidate().outputHash())) {
                        identical++;
                    }
                }
            }
            return new Provenance(
                    distinct(pairs.stream().map(p -> p.baseline().systemFingerprint())),
                    distinct(pairs.stream().map(p -> p.candidate().systemFingerprint())),
                    distinct(pairs.stream().map(p -> p.baseline().responseModelId())),
                    distinct(pairs.stream().map(p -> p.candidate().responseModelId())),
                    hashed == 0 ? null : (double) identical / hashed, hashed);
        }

        SortedSet<String> addedFingerprints() {
            return minus(candidateFingerprints, baselineFingerprints);
        }

        SortedSet<String> removedFingerprints() {
            return minus(baselineFingerprints, candidateFingerprints);
        }

        SortedSet<String> addedModelIds() {
            return minus(candidateModelIds, baselineModelIds);
        }

        SortedSet<String> removedModelIds() {
            return minus(baselineModelIds, candidateModelIds);
        }

        boolean changed() {
            return !addedFingerprints().isEmpty() || !removedFingerprints().isEmpty() || !addedModelIds().isEmpty()
                    || !removedModelIds().isEmpty();
        }

        boolean somethingNew() {
            return !addedFingerprints().isEmpty() || !addedModelIds().isEmpty();
        }

        Evidence evidence() {
            return Evidence.of()
                    .put("systemFingerprints", Evidence.of()
                            .put("baseline", List.copyOf(baselineFingerprints))
                            .put("candidate", List.copyOf(candidateFingerprints))
                            .put("added", List.copyOf(addedFingerprints()))
                            .put("removed", List.copyOf(removedFingerprints())))
                    .put("responseModelIds", Evidence.of()
                            .put("baseline", List.copyOf(baselineModelIds))
                            .put("candidate", List.copyOf(candidateModelIds))
                            .put("added", List.copyOf(addedModelIds()))
                            .put("removed", List.copyOf(removedModelIds())))
                    .put("exactOutputAgreement", exactOutputAgreement)
                    .put("hashedPairs", hashedPairs);
        }

        private static SortedSet<String> distinct(Stream<String> values) {
            return values.filter(Objects::nonNull).collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        }

        private static SortedSet<String> minus(SortedSet<String> a, SortedSet<String> b) {
            SortedSet<String> rest = new TreeSet<>(a);
            rest.removeAll(b);
            return rest;
        }
    }
}
