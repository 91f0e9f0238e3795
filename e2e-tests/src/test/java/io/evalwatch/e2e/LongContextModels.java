package io.evalwatch.e2e;

/**
 * Two simulated models of config/simulator.yaml for LongContextProbeIT: one lost in the middle (finds needles at the
 * ends, misses them in the middle) and one flat (finds them equally everywhere). Their recall by position is the known
 * truth the probe must recover; fast answers, so the probe's items flow quickly.
 */
final class LongContextModels {

    static final String LOST_IN_THE_MIDDLE = "needle-lost-middle";
    static final String FLAT = "needle-flat";
    /** The probe's settings for the stack: one small size, 30 needles per position (see LongContextProbeIT). */
    static final String SIZES = "2000";
    static final int NEEDLES = 30;

    private LongContextModels() {
    }
}
