package io.evalwatch.e2e;

/**
 * Simulated models that behave like the real servers of issue 15, and the catalogue entries that point evalwatch
 * at them: each row is name, simulator model id, extra catalogue lines.
 */
final class ProviderQuirks {

    static final String STREAM_ERROR = "quirk-stream-error";
    static final String LOADING = "quirk-loading";
    static final String CACHED_REASONING = "quirk-cached-reasoning";
    static final String OTHER_MODEL = "quirk-other-model";
    static final String OTHER_MODEL_ALIAS = "quirk-other-model-alias";
    /** The id the OTHER_MODEL simulator answers as. */
    static final String ANSWERS_AS = "served-model-7b";
    static final int CACHED_TOKENS = 16;
    static final int REASONING_TOKENS = 5;
    static final int LOADING_REQUESTS = 2;

    static final String[][] MODELS = {
            {STREAM_ERROR, STREAM_ERROR, ""},
            {LOADING, LOADING, ""},
            {CACHED_REASONING, CACHED_REASONING, ""},
            {OTHER_MODEL, OTHER_MODEL, ""},
            {OTHER_MODEL_ALIAS, OTHER_MODEL, "    alias: true\n"},
    };

    private static final String VERSION = """
                versions:
                  - version: "q1"
                    system_fingerprint: fp_%s
                    active_from: 2025-01-01T00:00:00Z
                    seed: %d
                    pass_probability: 1.0
                    ttft: {median_ms: 20, sigma: 0.0}
                    tokens_per_second: {median: 400, sigma: 0.0}
                    quirks: %s
            """;

    static final String PROFILES = model(STREAM_ERROR, 9101, "{stream_error_after_tokens: 3}")
            + model(LOADING, 9102, "{loading_requests: " + LOADING_REQUESTS + "}")
            + model(CACHED_REASONING, 9103, "{cached_prompt_tokens: " + CACHED_TOKENS + ", reasoning_tokens: "
                    + REASONING_TOKENS + "}")
            + model(OTHER_MODEL, 9104, "{response_model: " + ANSWERS_AS + "}");

    private ProviderQuirks() {
    }

    private static String model(String name, long seed, String quirks) {
        return "  " + name + ":\n    description: plays a real server's quirk for ProviderQuirksIT\n"
                + VERSION.formatted(name.replace('-', '_'), seed, quirks);
    }
}
