package io.evalwatch.reporting.drift.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class McNemarTestTest {

    // Binomial(22, 1/2) upper tail from 16, by hand: C(22,16..22) = 74613, 26334, 7315, 1540, 231, 22, 1
    private static final double TAIL_FROM_16 = (74613 + 26334 + 7315 + 1540 + 231 + 22 + 1) / Math.pow(2, 22);
    private static final double AT_16 = 74613 / Math.pow(2, 22);

    @Test
    void oneSidedExactAndMidPOfKnownTableMatchTheBinomialByHand() {
        // 16 pairs got worse, 6 better (the paired table of Fagerland, Lydersen and Laake's worked example)
        McNemarTest.Result r = McNemarTest.oneSided(16, 6);

        assertEquals(TAIL_FROM_16, r.exactP(), 1e-12);
        assertEquals(TAIL_FROM_16 - AT_16 / 2, r.midP(), 1e-12);
        assertEquals(0.026239, r.exactP(), 1e-6);
    }

    @Test
    void twoSidedValuesMatchThePublishedOnes() {
        McNemarTest.Result r = McNemarTest.twoSided(6, 16);

        // published: exact conditional P = 0.0525, mid-p P = 0.0347
        assertEquals(2 * TAIL_FROM_16, r.exactP(), 1e-12);
        assertEquals(0.0525, r.exactP(), 5e-5);
        assertEquals(0.0347, r.midP(), 5e-5);
    }

    @Test
    void smallTablesByHand() {
        // 3 worse, 0 better: P(X >= 3 | Bin(3, 1/2)) = 1/8; mid-p = 1/16
        assertEquals(0.125, McNemarTest.oneSided(3, 0).exactP(), 1e-15);
        assertEquals(0.0625, McNemarTest.oneSided(3, 0).midP(), 1e-15);
        // 2 worse, 3 better: P(X >= 2 | Bin(5, 1/2)) = (10 + 10 + 5 + 1) / 32
        assertEquals(26.0 / 32, McNemarTest.oneSided(2, 3).exactP(), 1e-15);
        assertEquals((26.0 - 5) / 32, McNemarTest.oneSided(2, 3).midP(), 1e-15);
        // more improvements than regressions is no evidence of a drop
        assertEquals(1.0, McNemarTest.oneSided(0, 7).exactP(), 1e-15);
    }

    @Test
    void noDiscordantPairsMeansNoEvidence() {
        assertEquals(1.0, McNemarTest.oneSided(0, 0).exactP());
        assertEquals(1.0, McNemarTest.oneSided(0, 0).midP());
        assertEquals(1.0, McNemarTest.twoSided(4, 4).exactP(), 1e-15);
        assertEquals(1.0, McNemarTest.twoSided(4, 4).midP(), 1e-15);
    }
}
