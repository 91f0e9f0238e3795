package io.evalwatch.reporting.console.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/** Bars grouped by category, one bar per series in each group, on a value axis from zero. Pure. */
public final class BarChart {

    private BarChart() {
    }

    /** A series' value in each category, in the categories' order; null where it has none. */
    public record Values(String name, List<Double> values) {
    }

    public static Chart grouped(String title, String xTitle, List<String> categories, List<Values> series,
            String yTitle, DoubleFunction<String> format) {
        Chart.Area plot = Chart.PLOT;
        double highest = series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).max().orElse(1);
        Scale y = Scale.nice(0, highest, plot.bottom(), plot.top(), 5);
        double group = (plot.right() - plot.left()) / Math.max(1, categories.size());
        double bar = group * 0.8 / Math.max(1, series.size());
        List<Chart.Tick> xTicks = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            xTicks.add(new Chart.Tick(plot.left() + group * (c + 0.5), categories.get(c)));
        }
        List<Chart.Series> drawn = new ArrayList<>();
        List<Chart.LegendEntry> legend = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            Values v = series.get(s);
            String color = Chart.color(s);
            List<Chart.Bar> bars = new ArrayList<>();
            for (int c = 0; c < categories.size() && c < v.values().size(); c++) {
                Double value = v.values().get(c);
                if (value == null) {
                    continue;
                }
                double top = y.at(value);
                bars.add(new Chart.Bar(plot.left() + group * c + group * 0.1 + bar * s, top, bar * 0.92,
                        y.at(y.min()) - top, v.name() + ", " + categories.get(c) + ": " + format.apply(value)));
            }
            drawn.add(new Chart.Series(v.name(), color, bars, List.of(), "", ""));
            legend.add(new Chart.LegendEntry(v.name(), color, "box"));
        }
        List<Chart.Tick> yTicks = y.ticks().stream().map(t -> new Chart.Tick(y.at(t), format.apply(t))).toList();
        return new Chart(title, Chart.WIDTH, Chart.HEIGHT, plot, new Chart.Axis(xTitle, xTicks),
                new Chart.Axis(yTitle, yTicks), drawn, List.of(), legend);
    }
}
