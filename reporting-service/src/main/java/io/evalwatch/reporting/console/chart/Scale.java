package io.evalwatch.reporting.console.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear map from values to pixels whose ends are round numbers, with its ticks: what a chart axis needs. Pure.
 *
 * @param min the smallest value shown (a multiple of step)
 * @param max the largest value shown (a multiple of step)
 * @param from the pixel of min
 * @param to the pixel of max (smaller than from for a vertical axis, whose pixels grow downwards)
 * @param step the distance between two ticks
 */
public record Scale(double min, double max, double from, double to, double step) {

    /** Twelve significant digits: enough for epoch seconds, and 0.6000000000000001 prints as 0.6. */
    private static final MathContext TICK_PRECISION = new MathContext(12);

    /** A scale over [low, high] stretched to round ends, with about {@code ticks} intervals of 1, 2 or 5 × 10^n. */
    public static Scale nice(double low, double high, double from, double to, int ticks) {
        if (!(high > low)) { // one value, or none: a unit around it, so it is drawn inside the axis
            high = low + (low == 0 ? 1 : Math.abs(low));
        }
        double step = niceStep((high - low) / Math.max(1, ticks));
        double min = Math.floor(low / step + 1e-9) * step;
        double max = Math.ceil(high / step - 1e-9) * step;
        return new Scale(min, max, from, to, step);
    }

    /** A scale with the ends and step given (a share from 0 to 1 in steps of 0.2, say). */
    public static Scale fixed(double min, double max, double from, double to, double step) {
        return new Scale(min, max, from, to, step);
    }

    /** The round step (1, 2 or 5 × 10^n) closest above raw. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
        return nice * magnitude;
    }

    /** The pixel of a value. */
    public double at(double value) {
        return from + (value - min) / (max - min) * (to - from);
    }

    /** The tick values from min to max, rounded so that 0.1 + 0.2 prints as 0.3. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        int count = (int) Math.round((max - min) / step);
        for (int i = 0; i <= count; i++) {
            ticks.add(new BigDecimal(min + i * step).round(TICK_PRECISION).doubleValue());
        }
        return ticks;
    }
}
