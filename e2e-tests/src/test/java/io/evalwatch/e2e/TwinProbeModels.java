package io.evalwatch.e2e;

/**
 * Two simulated models of config/simulator.yaml for TwinProbeIT: a memoriser, right on the suite's own tasks and far
 * less on their contamination twins (the simulator knows a twin by its prompt), and an honest model, as good on both.
 * Their only mistake is a syntax error, which fails every test in the sandbox whatever the task. The constants are the
 * profiles' truth, checked against the file by ProbeModelsTest.
 */
final class TwinProbeModels {

    static final String MEMORISER = "twin-memoriser";
    static final String HONEST = "twin-honest";
    static final double MEMORISER_ORIGINAL_PASS = 0.95;
    static final double MEMORISER_TWIN_PASS = 0.45;
    static final double HONEST_PASS = 0.97;

    private TwinProbeModels() {
    }
}
