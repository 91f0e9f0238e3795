package io.evalwatch.e2e;

/**
 * Two simulated models for PromptVariantsIT: one that gains from few-shot examples (a prompting problem) and one
 * that does not; both answer structured output 25 % slower. Time to first token is a long 2 s: a measured TTFT also
 * holds the pipeline's own fixed part (the client, the simulator's timers on a loaded machine: about 50 ms were seen),
 * which is the same for every variant and shrinks a relative overhead; at 0.8 s it took 25 % down to 22 %.
 */
final class PromptVariantModels {

    static final String GAINS = "variant-gains";
    static final String STEADY = "variant-steady";
    static final double GAINS_BASE_PASS = 0.5;
    static final double GAINS_FEW_SHOT_PASS = 0.95;
    static final double STEADY_PASS = 0.97;
    static final double STRUCTURED_LATENCY_FACTOR = 1.25;

    private PromptVariantModels() {
    }

    /** Catalogue rows for StackFixture: name, simulator model id, no extra lines. */
    static String[][] catalogue() {
        return new String[][] {{GAINS, GAINS, ""}, {STEADY, STEADY, ""}};
    }

    static String profiles() {
        return profile(GAINS, 9301, GAINS_BASE_PASS, "few-shot: {pass_probability: " + GAINS_FEW_SHOT_PASS + "}, ")
                + profile(STEADY, 9302, STEADY_PASS, "");
    }

    private static String profile(String name, long seed, double pass, String fewShot) {
        return """
                  %s:
                    description: prompt variants (PromptVariantsIT)
                    versions:
                      - version: "v1"
                        system_fingerprint: fp_%s
                        active_from: 2025-01-01T00:00:00Z
                        seed: %d
                        pass_probability: %s
                        mutations: {off_by_one: 1, missing_edge_case: 1, hallucinated_api: 1, syntax_error: 1}
                        ttft: {median_ms: 2000, sigma: 0.0}
                        tokens_per_second: {median: 400, sigma: 0.0}
                        variants: {%sstructured: {latency_factor: %s}}
                """.formatted(name, name.replace('-', '_'), seed, pass, fewShot, STRUCTURED_LATENCY_FACTOR);
    }
}
