package io.evalwatch.reporting.drift;

import io.evalwatch.events.DriftAlert.Signals;
import io.evalwatch.reporting.drift.DriftAnalyzer.Compared;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns decided comparisons into findings. A quality alert needs significance and the minimum effect (both already
 * in a comparison's verdict); category-level quality alerts outside the strict categories also need the primary test
 * to have fired (a gate), which keeps the chance of any false quality alert at alpha when nothing changed.
 */
final class FindingRules {

    private final List<Compared> compared;
    private final OutputComparisons.Provenance provenance;
    private final DriftPolicy policy;
    private final boolean gateOpen;

    FindingRules(List<Compared> compared, OutputComparisons.Provenance provenance, DriftPolicy policy) {
        this.compared = compared;
        this.provenance = provenance;
        this.policy = policy;
        this.gateOpen = find(Scopes.ALL, QualityComparisons.PASS_RATE).map(FindingRules::regressed).orElse(false);
    }

    /** Whether the primary test (overall pass rate) found a regression. */
    boolean gateOpen() {
        return gateOpen;
    }

    List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        List<Finding> regressions = regressions();
        findings.addAll(regressions);
        latency().ifPresent(findings::add);
        cost().ifPresent(findings::add);
        format().ifPresent(findings::add);
        qualitySignals().ifPresent(findings::add);
        silentChange(!regressions.isEmpty()).ifPresent(findings::add);
        return findings;
    }

    private List<Finding> regressions() {
        List<Finding> findings = new ArrayList<>();
        List<String> regressedCategories = new ArrayList<>();
        List<Finding> categoryFindings = new ArrayList<>();
        for (String category : categories()) {
            Optional<Compared> passRate = find(category, QualityComparisons.PASS_RATE);
            boolean strictPrimary = passRate.map(c -> c.test().primary() && regressed(c)).orElse(false);
            boolean anyRegressed = quality(category).stream().anyMatch(FindingRules::regressed);
            if (strictPrimary || (gateOpen && anyRegressed)) {
                regressedCategories.add(category);
                String severity = strictPrimary ? Finding.CRITICAL : Finding.WARNING;
                categoryFindings.add(new Finding(Signals.REGRESSION, category, severity,
                        qualitySummary(category), qualityEvidence(category).map()));
            }
        }
        if (gateOpen) {
            Evidence evidence = qualityEvidence(Scopes.ALL).put("regressedCategories", regressedCategories);
            findings.add(new Finding(Signals.REGRESSION, Scopes.ALL, Finding.CRITICAL, qualitySummary(Scopes.ALL),
                    evidence.map()));
        }
        findings.addAll(categoryFindings);
        return findings;
    }

    private Optional<Finding> latency() {
        List<Compared> latency = List.of(ServingComparisons.TTFT, ServingComparisons.DURATION).stream()
                .map(m -> find(Scopes.ALL, m)).flatMap(Optional::stream).toList();
        List<Compared> slower = latency.stream().filter(FindingRules::regressed).toList();
        if (slower.isEmpty()) {
            return Optional.empty();
        }
        Evidence evidence = Evidence.of();
        latency.forEach(c -> evidence.put(c.comparison().metric(), withDecision(c)));
        String summary = "slower: " + String.join("; ", slower.stream().map(FindingRules::slowerPart).toList());
        return Optional.of(new Finding(Signals.LATENCY, Scopes.ALL, Finding.WARNING, summary, evidence.map()));
    }

    /**
     * "ttft median 0.35s -> 0.50s, p95 0.62s -> 0.95s (x1.53)", with the raw ratio when host lag was taken off. The
     * median comes first: the test is on the whole distribution (Mann-Whitney U), and a first token delayed by a fixed
     * amount is slower even when its tail happened to shrink, so the p95 alone could read as faster.
     */
    static String slowerPart(Compared c) {
        Comparison x = c.comparison();
        String metric = x.metric().replace("P95Seconds", "");
        Double before = median(c, "baseline");
        Double after = median(c, "candidate");
        String medians = before == null || after == null ? ""
                : String.format(Locale.ROOT, " median %.3gs -> %.3gs,", before, after);
        String part = String.format(Locale.ROOT, "%s%s p95 %.3gs -> %.3gs (x%.2f)", metric, medians, x.baseline(),
                x.candidate(), x.candidate() / x.baseline());
        if (c.test().evidence().get("raw") instanceof Map<?, ?> raw && raw.get("p95Ratio") instanceof Number r) {
            part += String.format(Locale.ROOT, " after host lag (raw x%.2f)", r.doubleValue());
        }
        return part;
    }

    private static Double median(Compared c, String run) {
        return c.test().evidence().get(run) instanceof Map<?, ?> m && m.get("median") instanceof Number n
                ? n.doubleValue() : null;
    }

    private Optional<Finding> cost() {
        return find(Scopes.ALL, ServingComparisons.COST)
                .filter(c -> c.comparison().significant() && !Comparison.UNCHANGED.equals(c.comparison().verdict()))
                .map(c -> {
                    boolean up = Comparison.REGRESSED.equals(c.comparison().verdict());
                    String summary = String.format(Locale.ROOT, "cost per item %s from $%.4g to $%.4g (x%.2f)",
                            up ? "rose" : "fell", c.comparison().baseline(), c.comparison().candidate(),
                            c.comparison().candidate() / c.comparison().baseline());
                    return new Finding(Signals.COST, Scopes.ALL, up ? Finding.WARNING : Finding.INFO, summary,
                            Evidence.of().put(ServingComparisons.COST, withDecision(c)).map());
                });
    }

    private Optional<Finding> format() {
        List<Compared> shares = compared.stream()
                .filter(c -> c.comparison().metric().startsWith(OutputComparisons.FORMAT_SHARE)).toList();
        List<Compared> changed = shares.stream()
                .filter(c -> Comparison.CHANGED.equals(c.comparison().verdict())).toList();
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        Evidence evidence = Evidence.of();
        shares.forEach(c -> evidence.put(formatOf(c), withDecision(c)));
        String summary = "code format shares moved: " + String.join(", ", changed.stream().map(c -> String.format(
                Locale.ROOT, "%s %.0f%% -> %.0f%%", formatOf(c), 100 * c.comparison().baseline(),
                100 * c.comparison().candidate())).toList());
        return Optional.of(new Finding(Signals.FORMAT, Scopes.ALL, Finding.WARNING, summary, evidence.map()));
    }

    /**
     * More items with analyser findings (a warning: code that will need fixing), or answers further from the
     * reference (information: a place to look, never a verdict on correctness).
     */
    private Optional<Finding> qualitySignals() {
        List<Compared> signals = compared.stream().filter(c -> SignalComparisons.isFinding(c.comparison().metric())
                || SignalComparisons.isSimilarity(c.comparison().metric())).toList();
        List<Compared> worse = signals.stream().filter(FindingRules::regressed).toList();
        if (worse.isEmpty()) {
            return Optional.empty();
        }
        boolean findingsRose = worse.stream().anyMatch(c -> SignalComparisons.isFinding(c.comparison().metric()));
        Evidence evidence = Evidence.of();
        signals.forEach(c -> evidence.put(c.comparison().metric(), withDecision(c)));
        String summary = String.join("; ", worse.stream().map(c -> {
            Comparison x = c.comparison();
            return SignalComparisons.isFinding(x.metric())
                    ? String.format(Locale.ROOT, "items free of %s %.0f%% -> %.0f%%",
                            x.metric().substring(SignalComparisons.CLEAN_PREFIX.length()), 100 * x.baseline(),
                            100 * x.candidate())
                    : String.format(Locale.ROOT, "%s to the reference %.3g -> %.3g (look here: not a verdict)",
                            x.metric(), x.baseline(), x.candidate());
        }).toList());
        return Optional.of(new Finding(Signals.QUALITY_SIGNALS, Scopes.ALL, findingsRose ? Finding.WARNING
                : Finding.INFO, summary, evidence.map()));
    }

    private Optional<Finding> silentChange(boolean qualityRegressed) {
        Optional<Compared> length = find(Scopes.ALL, OutputComparisons.OUTPUT_TOKENS);
        boolean lengthShifted = length.map(c -> Comparison.CHANGED.equals(c.comparison().verdict())).orElse(false);
        if (!provenance.changed() && !lengthShifted) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        if (!provenance.addedFingerprints().isEmpty() || !provenance.removedFingerprints().isEmpty()) {
            reasons.add("system fingerprints "
                    + describe(provenance.removedFingerprints(), provenance.addedFingerprints()));
        }
        if (!provenance.addedModelIds().isEmpty() || !provenance.removedModelIds().isEmpty()) {
            reasons.add("response model ids " + describe(provenance.removedModelIds(), provenance.addedModelIds()));
        }
        length.filter(c -> lengthShifted).ifPresent(c -> reasons.add(String.format(Locale.ROOT,
                "median output length %.0f -> %.0f tokens", c.comparison().baseline(), c.comparison().candidate())));
        String severity = provenance.somethingNew() && qualityRegressed ? Finding.CRITICAL
                : provenance.somethingNew() || lengthShifted ? Finding.WARNING : Finding.INFO;
        Evidence evidence = provenance.evidence()
                .put("reasons", reasons)
                .put("qualityRegressed", qualityRegressed);
        length.ifPresent(c -> evidence.put("outputTokens", withDecision(c)));
        String summary = String.join("; ", reasons) + (qualityRegressed ? "; quality regressed too" : "");
        return Optional.of(new Finding(Signals.SILENT_CHANGE, Scopes.ALL, severity, summary, evidence.map()));
    }

    private Evidence qualityEvidence(String scope) {
        Evidence evidence = Evidence.of();
        quality(scope).forEach(c -> evidence.put(c.comparison().metric(), withDecision(c)));
        return evidence;
    }

    private String qualitySummary(String scope) {
        List<String> parts = new ArrayList<>();
        for (Compared c : quality(scope)) {
            if (!regressed(c)) {
                continue;
            }
            Comparison x = c.comparison();
            boolean rate = !QualityComparisons.WEIGHTED_ACCURACY.equals(x.metric());
            double scale = rate ? 100 : 1;
            String pattern = rate ? "%s %.1f%% -> %.1f%% (%+.1f points, %.0f%% CI %+.1f to %+.1f, p=%.2g)"
                    : "%s %.3f -> %.3f (%+.3f, %.0f%% CI %+.3f to %+.3f, p=%.2g)";
            parts.add(String.format(Locale.ROOT, pattern,
                    x.metric(), scale * x.baseline(), scale * x.candidate(), scale * x.difference(),
                    100 * (1 - c.test().level()), scale * x.ciLow(), scale * x.ciHigh(), x.adjustedPValue()));
        }
        return (Scopes.ALL.equals(scope) ? "quality dropped: " : "quality dropped in " + scope + ": ")
                + String.join("; ", parts);
    }

    private List<Compared> quality(String scope) {
        return List.of(QualityComparisons.PASS_RATE, QualityComparisons.WEIGHTED_ACCURACY, QualityComparisons.COMPOSITE)
                .stream().map(m -> find(scope, m)).flatMap(Optional::stream).toList();
    }

    private List<String> categories() {
        return new ArrayList<>(compared.stream().map(c -> c.comparison().scope())
                .filter(s -> !Scopes.ALL.equals(s)).collect(TreeSet::new, TreeSet::add, TreeSet::addAll));
    }

    private Optional<Compared> find(String scope, String metric) {
        return compared.stream()
                .filter(c -> c.comparison().scope().equals(scope) && c.comparison().metric().equals(metric))
                .findFirst();
    }

    private static boolean regressed(Compared c) {
        return Comparison.REGRESSED.equals(c.comparison().verdict());
    }

    private static Map<String, Object> withDecision(Compared c) {
        Map<String, Object> evidence = new LinkedHashMap<>(c.test().evidence());
        evidence.put("adjustedP", Evidence.number(c.comparison().adjustedPValue()));
        evidence.put("significant", c.comparison().significant());
        evidence.put("verdict", c.comparison().verdict());
        return evidence;
    }

    private static String formatOf(Compared c) {
        return c.comparison().metric().substring(OutputComparisons.FORMAT_SHARE.length());
    }

    private static String describe(SortedSet<String> removed, SortedSet<String> added) {
        return "changed" + (removed.isEmpty() ? "" : ", gone: " + removed) + (added.isEmpty() ? "" : ", new: " + added);
    }
}
