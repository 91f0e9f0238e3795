package io.evalwatch.e2e;

/**
 * Two simulated models for TwinProbeIT: a memoriser, right on the suite's own tasks and far less on their
 * contamination twins (the simulator knows a twin by its prompt), and an honest model, as good on both. Their only
 * mistake is a syntax error, which fails every test in the sandbox whatever the task.
 */
final class TwinProbeModels {

    static final String MEMORISER = "twin-memoriser";
    static final String HONEST = "twin-honest";
    static final double MEMORISER_ORIGINAL_PASS = 0.95;
    static final double MEMORISER_TWIN_PASS = 0.45;
    static final double HONEST_PASS = 0.97;

    private TwinProbeModels() {
    }

    /** Catalogue rows for StackFixture: name, simulator model id, no extra lines. */
    static String[][] catalogue() {
        return new String[][] {{MEMORISER, MEMORISER, ""}, {HONEST, HONEST, ""}};
    }

    static String profiles() {
        return profile(MEMORISER, 9401, MEMORISER_ORIGINAL_PASS,
                "\n        variants: {twin: {pass_probability: " + MEMORISER_TWIN_PASS + "}}")
                + profile(HONEST, 9402, HONEST_PASS, "");
    }

    private static String profile(String name, long seed, double pass, String twin) {
        return """
                  %s:
                    description: contamination probe (TwinProbeIT)
                    versions:
                      - version: "v1"
                        system_fingerprint: fp_%s
                        active_from: 2025-01-01T00:00:00Z
                        seed: %d
                        pass_probability: %s
                        mutations: {syntax_error: 1}
                        ttft: {median_ms: 20, sigma: 0.0}
                        tokens_per_second: {median: 2000, sigma: 0.0}%s
                """.formatted(name, name.replace('-', '_'), seed, pass, twin);
    }
}
