package io.evalwatch.e2e;

/**
 * Two simulated models of config/simulator.yaml for PromptVariantsIT: one that gains from few-shot examples (a
 * prompting problem) and one that does not; both answer structured output 25 % slower. Time to first token is a long
 * 2 s: a measured TTFT also holds the pipeline's own fixed part (the client, the simulator's timers on a loaded machine:
 * about 50 ms were seen), which is the same for every variant and shrinks a relative overhead; at 0.8 s it took 25 %
 * down to 22 %.
 */
final class PromptVariantModels {

    static final String GAINS = "variant-gains";
    static final String STEADY = "variant-steady";
    static final double GAINS_BASE_PASS = 0.5;
    static final double GAINS_FEW_SHOT_PASS = 0.95;
    static final double STEADY_PASS = 0.99;
    static final double STRUCTURED_LATENCY_FACTOR = 1.25;

    private PromptVariantModels() {
    }
}
