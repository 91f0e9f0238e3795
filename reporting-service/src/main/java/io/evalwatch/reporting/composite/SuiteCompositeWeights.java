package io.evalwatch.reporting.composite;

import io.evalwatch.reporting.config.ReportingConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The composite weights of each suite, from configuration: the defaults under {@code evalwatch.composite.weights.*},
 * a suite's own under {@code evalwatch.composite.suites."<suite>".weights.*}. Read and validated at startup, so a
 * negative or all-zero set stops the service with the key at fault.
 */
@ApplicationScoped
@Startup
public class SuiteCompositeWeights {

    static final String DEFAULT_PREFIX = "evalwatch.composite.weights.";

    private final CompositeWeights defaults;
    private final Map<String, CompositeWeights> perSuite;

    @Inject
    public SuiteCompositeWeights(ReportingConfig config) {
        this(defaults(config.composite().weights()), overrides(config.composite().suites()));
    }

    SuiteCompositeWeights(Map<CompositePart, Double> defaults, Map<String, Map<CompositePart, Double>> overrides) {
        this.defaults = CompositeWeights.validated(defaults, DEFAULT_PREFIX);
        this.perSuite = new HashMap<>();
        overrides.forEach((suite, partial) -> {
            Map<CompositePart, Double> merged = new EnumMap<>(defaults);
            merged.putAll(partial);
            perSuite.put(suite, CompositeWeights.validated(merged,
                    "evalwatch.composite.suites.\"" + suite + "\".weights."));
        });
    }

    /** The suite's weights, the defaults when it has none of its own (or suite is null). */
    public CompositeWeights of(String suite) {
        return suite == null ? defaults : perSuite.getOrDefault(suite, defaults);
    }

    static Map<CompositePart, Double> defaults(ReportingConfig.Weights w) {
        Map<CompositePart, Double> m = new EnumMap<>(CompositePart.class);
        m.put(CompositePart.PASS_AT_1, w.passAt1());
        m.put(CompositePart.TYPE_ERRORS, w.typeErrors());
        m.put(CompositePart.SECURITY_FINDINGS, w.securityFindings());
        m.put(CompositePart.COMPLEXITY_DELTA, w.complexityDelta());
        m.put(CompositePart.HUMAN_ACCEPT_RATE, w.humanAcceptRate());
        return m;
    }

    static Map<String, Map<CompositePart, Double>> overrides(Map<String, ReportingConfig.SuiteComposite> suites) {
        Map<String, Map<CompositePart, Double>> out = new HashMap<>();
        suites.forEach((suite, s) -> {
            ReportingConfig.SuiteWeights w = s.weights();
            Map<CompositePart, Double> m = new EnumMap<>(CompositePart.class);
            put(m, CompositePart.PASS_AT_1, w.passAt1());
            put(m, CompositePart.TYPE_ERRORS, w.typeErrors());
            put(m, CompositePart.SECURITY_FINDINGS, w.securityFindings());
            put(m, CompositePart.COMPLEXITY_DELTA, w.complexityDelta());
            put(m, CompositePart.HUMAN_ACCEPT_RATE, w.humanAcceptRate());
            out.put(suite, m);
        });
        return out;
    }

    private static void put(Map<CompositePart, Double> m, CompositePart part, OptionalDouble value) {
        value.ifPresent(v -> m.put(part, v));
    }
}
