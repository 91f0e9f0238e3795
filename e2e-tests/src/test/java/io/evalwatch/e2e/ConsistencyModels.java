package io.evalwatch.e2e;

/**
 * Two simulated models for ConsistencyProbeIT with the consistency probe's known truth (the simulator's
 * repeat_noise): a noisy one whose weighted score varies between repeats of the same prompt with variance 0.96 (each
 * repeat answers against the task's usual answer with probability 0.4), and a steady one that answers the same
 * prompt the same way every time. Their only mistake is a syntax error, which scores -1 like a refusal, so every
 * item scores +1 or -1 and the configured variance is the exact variance between repeats.
 */
final class ConsistencyModels {

    static final String NOISY = "consistency-noisy";
    static final String STEADY = "consistency-steady";
    static final double NOISY_SCORE_VARIANCE = 0.96;
    /** Repeats per task of the stack's consistency probe (evalwatch.probes.consistency.repeats). */
    static final int REPEATS = 10;

    private ConsistencyModels() {
    }

    /** Catalogue rows for StackFixture: name, simulator model id, no extra lines. */
    static String[][] catalogue() {
        return new String[][] {{NOISY, NOISY, ""}, {STEADY, STEADY, ""}};
    }

    static String profiles() {
        return profile(NOISY, 9401, NOISY_SCORE_VARIANCE) + profile(STEADY, 9402, 0);
    }

    private static String profile(String name, long seed, double variance) {
        return """
                  %s:
                    description: the consistency probe's known truth (ConsistencyProbeIT)
                    versions:
                      - version: "v1"
                        system_fingerprint: fp_%s
                        active_from: 2025-01-01T00:00:00Z
                        seed: %d
                        pass_probability: 0.7
                        mutations: {syntax_error: 1}
                        repeat_noise: {score_variance: %s}
                        ttft: {median_ms: 20, sigma: 0.0}
                        tokens_per_second: {median: 2000, sigma: 0.0}
                """.formatted(name, name.replace('-', '_'), seed, variance);
    }
}
