package io.evalwatch.reporting.drift.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void adjustedValuesOfAKnownVector() {
        // sorted: 0.005*5/1, 0.01*5/2, 0.03*5/3, 0.04*5/4, 0.2*5/5 = 0.025, 0.025, 0.05, 0.05, 0.2 (already monotone)
        double[] adjusted = BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.20});

        assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.025, 0.2}, adjusted, 1e-12);
    }

    @Test
    void stepUpTakesTheMinimumOverLargerRanks() {
        // raw 0.02*3/2 = 0.03 would exceed 0.021*3/3 = 0.021, so rank 2 takes 0.021
        assertArrayEquals(new double[] {0.021, 0.021, 0.021},
                BenjaminiHochberg.adjust(new double[] {0.02, 0.021, 0.007}), 1e-12);
    }

    @Test
    void theFifteenHypothesesOfBenjaminiAndHochberg1995RejectFour() {
        double[] p = {0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262,
                0.5719, 0.6528, 0.7590, 1.000};

        long rejected = Arrays.stream(BenjaminiHochberg.adjust(p)).filter(q -> q <= 0.05).count();

        assertEquals(4, rejected);
    }
}
