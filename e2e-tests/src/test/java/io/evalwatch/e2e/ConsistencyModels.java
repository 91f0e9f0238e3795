package io.evalwatch.e2e;

/**
 * Two simulated models of config/simulator.yaml for ConsistencyProbeIT with the consistency probe's known truth (the
 * simulator's repeat_noise): a noisy one whose weighted score varies between repeats of the same prompt with variance
 * 0.96 (each repeat answers against the task's usual answer with probability 0.4), and a steady one that answers the
 * same prompt the same way every time. Their only mistake is a syntax error, which scores -1 like a refusal, so every
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
}
