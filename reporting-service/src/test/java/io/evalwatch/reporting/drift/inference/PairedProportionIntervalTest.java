package io.evalwatch.reporting.drift.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedProportionIntervalTest {

    @Test
    void newcombeIntervalOfThePublishedExample() {
        // Cavo et al. (2012) paired table [[59, 6], [16, 80]]; Fagerland, Lydersen and Laake give the Newcombe
        // square-and-add interval as -0.0621 (95% CI -0.1186 to -0.0046)
        PairedProportionInterval.Interval ci = PairedProportionInterval.of(59, 6, 16, 80, 0.95);

        assertEquals(-0.0621, ci.estimate(), 5e-5);
        assertEquals(-0.1186, ci.low(), 5e-5);
        assertEquals(-0.0046, ci.high(), 5e-5);
    }

    @Test
    void identicalOutcomesGiveAnIntervalAroundZero() {
        PairedProportionInterval.Interval ci = PairedProportionInterval.of(120, 0, 0, 30, 0.95);

        assertEquals(0.0, ci.estimate(), 1e-15);
        assertTrue(ci.low() < 0 && ci.high() > 0, ci.toString());
        assertTrue(ci.high() - ci.low() < 0.1, ci.toString());
    }
}
