package io.evalwatch.reporting.console.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleTest {

    @Test
    void endsAreRoundAndTicksStepBy125() {
        Scale s = Scale.nice(0, 23, 260, 20, 5);
        assertEquals(0, s.min());
        assertEquals(25, s.max());
        assertEquals(5, s.step());
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0), s.ticks());
    }

    @Test
    void smallValuesGetDecimalStepsWithoutFloatingNoise() {
        Scale s = Scale.nice(0.013, 0.087, 0, 100, 4);
        assertEquals(0.02, s.step(), 1e-12);
        assertEquals(List.of(0.0, 0.02, 0.04, 0.06, 0.08, 0.1), s.ticks());
    }

    @Test
    void aVerticalAxisMapsTheMinimumToTheBottom() {
        Scale s = Scale.fixed(0, 1, 260, 20, 0.2);
        assertEquals(260, s.at(0), 1e-9);
        assertEquals(20, s.at(1), 1e-9);
        assertEquals(140, s.at(0.5), 1e-9);
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), s.ticks());
    }

    @Test
    void aSingleValueStillHasAnAxisAroundIt() {
        Scale zero = Scale.nice(0, 0, 0, 100, 5);
        assertEquals(0, zero.min());
        assertEquals(1, zero.max(), 1e-12);
        Scale three = Scale.nice(3, 3, 0, 100, 5);
        assertEquals(true, three.min() <= 3 && three.max() >= 3 && three.max() > three.min());
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, Scale.niceStep(0.7), 1e-12);
        assertEquals(2, Scale.niceStep(1.3), 1e-12);
        assertEquals(5, Scale.niceStep(3.1), 1e-12);
        assertEquals(10, Scale.niceStep(7.5), 1e-12);
        assertEquals(0.05, Scale.niceStep(0.041), 1e-12);
    }
}
