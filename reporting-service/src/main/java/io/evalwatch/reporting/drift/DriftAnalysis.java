package io.evalwatch.reporting.drift;

import io.evalwatch.events.DriftAlert;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The comparisons of a candidate run with its baseline and the findings drawn from them; summary holds descriptive
 * figures (pairs matched, provenance seen, exact-output agreement) as a JSON-friendly map.
 */
public record DriftAnalysis(List<Comparison> comparisons, List<Finding> findings, Map<String, Object> summary) {

    public DriftAnalysis {
        comparisons = List.copyOf(comparisons);
        findings = List.copyOf(findings);
        summary = summary == null ? Map.of() : summary;
    }

    public DriftAnalysis(List<Comparison> comparisons, List<Finding> findings) {
        this(comparisons, findings, Map.of());
    }

    /** Whether any finding says the quality regressed. */
    public boolean regressed() {
        return findings.stream().anyMatch(f -> DriftAlert.Signals.REGRESSION.equals(f.signal()));
    }

    /** The findings of one signal. */
    public List<Finding> findings(String signal) {
        return findings.stream().filter(f -> f.signal().equals(signal)).toList();
    }

    /** The comparison of a metric in a scope, if it was made. */
    public Optional<Comparison> comparison(String scope, String metric) {
        return comparisons.stream().filter(c -> c.scope().equals(scope) && c.metric().equals(metric)).findFirst();
    }
}
