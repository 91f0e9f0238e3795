package io.evalwatch.generator.it;

import io.evalwatch.events.GenerationCompleted;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Summaries of measured timings: medians, percentiles, and how many items were in flight at once. */
public record Fidelity(int items, double medianTtft, double p95Ttft, double medianTokensPerSecond,
        double medianDuration, int peakInFlight) {

    public static Fidelity of(Collection<GenerationCompleted> generations) {
        List<Double> ttft = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> duration = new ArrayList<>();
        List<double[]> intervals = new ArrayList<>();
        for (GenerationCompleted g : generations) {
            ttft.add(g.timings().ttftSeconds());
            rate.add(g.timings().outputTokensPerSecond());
            duration.add(g.timings().durationSeconds());
            double end = g.occurredAt().toEpochMilli() / 1000.0;
            intervals.add(new double[] {end - g.timings().durationSeconds(), end});
        }
        return new Fidelity(generations.size(), quantile(ttft, 0.5), quantile(ttft, 0.95), quantile(rate, 0.5),
                quantile(duration, 0.5), peak(intervals));
    }

    /** Linear interpolation between closest ranks (numpy's default). */
    public static double quantile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        double h = (sorted.size() - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.size() - 1);
        return sorted.get(lo) + (h - lo) * (sorted.get(hi) - sorted.get(lo));
    }

    /**
     * The most requests open at one instant, from each item's end time and model duration, counted at the middle
     * of each item. An item's event is stamped a little after its slot is free, by a lag that grows when the
     * machine is busy (more than 5 ms under a full build), so neighbours that merely follow each other seem to
     * overlap at their edges; requests really in flight together overlap for most of an answer.
     */
    static int peak(List<double[]> intervals) {
        int best = 0;
        for (double[] probe : intervals) {
            double at = (probe[0] + probe[1]) / 2;
            int open = 0;
            for (double[] other : intervals) {
                if (other[0] <= at && at < other[1]) {
                    open++;
                }
            }
            best = Math.max(best, open);
        }
        return best;
    }

    @Override
    public String toString() {
        return String.format("%d items: TTFT median %.1f ms (p95 %.1f ms), tokens/s median %.2f, duration median %.1f ms,"
                + " peak in flight %d", items, medianTtft * 1000, p95Ttft * 1000, medianTokensPerSecond,
                medianDuration * 1000, peakInFlight);
    }

}
