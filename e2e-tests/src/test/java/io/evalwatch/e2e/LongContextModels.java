package io.evalwatch.e2e;

/**
 * Two simulated models for LongContextProbeIT: one lost in the middle (finds needles at the ends, misses them in the
 * middle) and one flat (finds them equally everywhere). Their recall by position is the known truth the probe must
 * recover; fast answers, so the probe's items flow quickly.
 */
final class LongContextModels {

    static final String LOST_IN_THE_MIDDLE = "needle-lost-middle";
    static final String FLAT = "needle-flat";
    /** The probe's settings for the stack: one small size, 30 needles per position (see LongContextProbeIT). */
    static final String SIZES = "2000";
    static final int NEEDLES = 30;

    private LongContextModels() {
    }

    /** Catalogue rows for StackFixture: name, simulator model id, no extra lines. */
    static String[][] catalogue() {
        return new String[][] {{LOST_IN_THE_MIDDLE, LOST_IN_THE_MIDDLE, ""}, {FLAT, FLAT, ""}};
    }

    static String profiles() {
        return profile(LOST_IN_THE_MIDDLE, 9401, "{10: 0.95, 30: 0.75, 50: 0.3, 70: 0.75, 90: 0.95}")
                + profile(FLAT, 9402, "{10: 0.95, 30: 0.95, 50: 0.95, 70: 0.95, 90: 0.95}");
    }

    private static String profile(String name, long seed, String recall) {
        return """
                  %s:
                    description: long-context position probe (LongContextProbeIT)
                    versions:
                      - version: "v1"
                        system_fingerprint: fp_%s
                        active_from: 2025-01-01T00:00:00Z
                        seed: %d
                        pass_probability: 0.9
                        mutations: {off_by_one: 1, missing_edge_case: 1}
                        ttft: {median_ms: 50, sigma: 0.0}
                        tokens_per_second: {median: 2000, sigma: 0.0}
                        needle_recall: %s
                """.formatted(name, name.replace('-', '_'), seed, recall);
    }
}
