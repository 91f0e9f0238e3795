package io.evalwatch.e2e;

/**
 * Two simulated models of config/simulator.yaml for LongContextProbeIT: one lost in the middle (finds needles at the
 * ends, misses them in the middle) and one flat (finds them equally everywhere). Their recall by position is the known
 * truth the probe must recover; fast answers, so the probe's items flow quickly.
 */
final class LongContextModels {

    static final String LOST_IN_THE_MIDDLE = "needle-lost-middle";
    static final String FLAT = "needle-flat";
    /**
     * The probe's settings for the stack: one size, 40 needles per position (see LongContextProbeIT). 8k, not less: in a
     * 2k context a needle lands within a third of the context of its position (a function is a large share of it), so
     * the simulator, which reads the position from the prompt as a model would, took up to 7 in 40 needles of a
     * position for its neighbour's and blurred the known curve; at 8k every needle reads at its own position.
     */
    static final String SIZES = "8000";
    static final int NEEDLES = 40;

    private LongContextModels() {
    }
}
