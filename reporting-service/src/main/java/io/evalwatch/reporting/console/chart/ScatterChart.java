package io.evalwatch.reporting.console.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/** Labelled points on two value axes, in two groups (the frontier's Pareto set and the rest). Pure. */
public final class ScatterChart {

    private ScatterChart() {
    }

    /** A point; highlighted ones form the first group. */
    public record Point(String label, double x, double y, boolean highlighted) {
    }

    public static Chart of(String title, List<Point> points, String highlightedName, String otherName,
            String xTitle, DoubleFunction<String> xFormat, String yTitle, DoubleFunction<String> yFormat) {
        Chart.Area plot = Chart.PLOT;
        double xLow = points.stream().mapToDouble(Point::x).min().orElse(0);
        double xHigh = points.stream().mapToDouble(Point::x).max().orElse(1);
        double yLow = Math.min(0, points.stream().mapToDouble(Point::y).min().orElse(0));
        double yHigh = points.stream().mapToDouble(Point::y).max().orElse(1);
        Scale x = Scale.nice(Math.min(0, xLow), xHigh, plot.left() + 8, plot.right() - 8, 5);
        Scale y = Scale.nice(yLow, yHigh, plot.bottom(), plot.top() + 8, 5);
        List<Chart.Series> series = new ArrayList<>();
        List<Chart.LegendEntry> legend = new ArrayList<>();
        for (boolean highlighted : new boolean[] {true, false}) {
            String name = highlighted ? highlightedName : otherName;
            String color = Chart.color(highlighted ? 2 : 1);
            List<Chart.Dot> dots = points.stream().filter(p -> p.highlighted() == highlighted)
                    .map(p -> new Chart.Dot(x.at(p.x()), y.at(p.y()), p.label(),
                            p.label() + ": " + xFormat.apply(p.x()) + ", " + yFormat.apply(p.y())))
                    .toList();
            series.add(new Chart.Series(name, color, List.of(), dots, "", ""));
            legend.add(new Chart.LegendEntry(name, color, "box"));
        }
        return new Chart(title, Chart.WIDTH, Chart.HEIGHT, plot,
                new Chart.Axis(xTitle, x.ticks().stream().map(t -> new Chart.Tick(x.at(t), xFormat.apply(t))).toList()),
                new Chart.Axis(yTitle, y.ticks().stream().map(t -> new Chart.Tick(y.at(t), yFormat.apply(t))).toList()),
                series, List.of(), legend);
    }
}
