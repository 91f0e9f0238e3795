package io.evalwatch.simulator.profile;

import io.evalwatch.events.probe.LongContext;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often a version finds a long-context needle, by the needle's position in per cent (10, 30, 50, 70, 90): the
 * profile's {@code needle_recall}. A version without one finds needles with its pass probability at every position
 * (a flat profile); "lost in the middle" is a recall that dips at 50.
 */
public record NeedleRecall(Map<Integer, Double> byPosition) {

    public NeedleRecall {
        byPosition = Map.copyOf(byPosition);
    }

    /** The same recall at every position. */
    public static NeedleRecall flat(double recall) {
        Map<Integer, Double> all = new TreeMap<>();
        LongContext.POSITIONS.forEach(p -> all.put(p, recall));
        return new NeedleRecall(all);
    }

    /** The recall at the probe's position nearest to percent. */
    public double at(int percent) {
        int nearest = LongContext.POSITIONS.stream()
                .min((a, b) -> Integer.compare(Math.abs(a - percent), Math.abs(b - percent))).orElseThrow();
        return byPosition.get(nearest);
    }
}
