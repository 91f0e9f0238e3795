package io.evalwatch.reporting.drift.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionShiftTest {

    @Test
    void mannWhitneyDetectsAClearShift() {
        SplittableRandom random = new SplittableRandom(1);
        double[] baseline = random.doubles(150).map(u -> 0.3 + 0.2 * u).toArray();
        double[] candidate = random.doubles(150).map(u -> 0.6 + 0.4 * u).toArray();

        DistributionShift.Result r = DistributionShift.of(baseline, candidate);

        assertTrue(r.pGreater() < 1e-10, "p = " + r.pGreater());
        assertTrue(r.pLess() > 0.99);
        assertTrue(r.ksP() < 1e-10);
        assertTrue(r.p95Ratio() > 1.5, "ratio " + r.p95Ratio());
    }

    @Test
    void mannWhitneyFindsNothingInAnIdenticalSample() {
        double[] sample = new SplittableRandom(2).doubles(150).map(u -> 0.3 + 0.2 * u).toArray();

        DistributionShift.Result r = DistributionShift.of(sample, sample.clone());

        assertEquals(1.0, r.pTwoSided(), 1e-9);
        assertTrue(r.pGreater() >= 0.5, "p = " + r.pGreater());
        assertEquals(0.0, r.ksStatistic(), 1e-12);
        assertEquals(1.0, r.p95Ratio(), 1e-12);
    }
}
