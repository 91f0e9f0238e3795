package io.evalwatch.reporting.console.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Shares (0 to 1) over a numeric x with fixed ends: one line per series through its points, each with its interval
 * as a band in the line's colour. A curve such as accuracy by position in the context. Pure.
 */
public final class LineChart {

    private LineChart() {
    }

    /** A named line. */
    public record Line(String name, List<Point> points) {
    }

    /** A value at x with its interval (low and high both null when it has none); title shows under the pointer. */
    public record Point(double x, double value, Double low, Double high, String title) {
    }

    /**
     * xMin and xMax are the axis' ends, xTicks the values labelled on it; bandName names the shaded intervals in the
     * legend (one entry for all of them, as every band takes its line's colour).
     */
    public static Chart of(String title, String xTitle, double xMin, double xMax, List<Double> xTicks,
            DoubleFunction<String> xFormat, List<Line> lines, String bandName, String yTitle,
            DoubleFunction<String> yFormat) {
        Chart.Area plot = Chart.PLOT;
        Scale x = Scale.fixed(xMin, xMax, plot.left() + 12, plot.right() - 12, (xMax - xMin) / 10);
        Scale y = Scale.fixed(0, 1, plot.bottom(), plot.top(), 0.2);
        List<Chart.Series> series = new ArrayList<>();
        List<Chart.LegendEntry> legend = new ArrayList<>();
        boolean anyBand = false;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            String color = Chart.color(i);
            List<Point> sorted = l.points().stream().sorted(Comparator.comparingDouble(Point::x)).toList();
            StringBuilder path = new StringBuilder();
            List<Chart.Dot> dots = new ArrayList<>();
            for (Point p : sorted) {
                double px = x.at(p.x());
                double py = y.at(clamp(p.value()));
                path.append(path.isEmpty() ? "M " : " L ").append(Chart.px(px)).append(' ').append(Chart.px(py));
                dots.add(new Chart.Dot(px, py, "", p.title()));
            }
            List<Point> withInterval = sorted.stream().filter(p -> p.low() != null && p.high() != null).toList();
            String band = band(withInterval, x, y);
            anyBand |= !band.isEmpty();
            series.add(new Chart.Series(l.name(), color, List.of(), dots, path.toString(), band));
            legend.add(new Chart.LegendEntry(l.name(), color, "line"));
        }
        if (anyBand) {
            legend.add(new Chart.LegendEntry(bandName, "#777777", "band"));
        }
        List<Chart.Tick> ticks = xTicks.stream().map(t -> new Chart.Tick(x.at(t), xFormat.apply(t))).toList();
        List<Chart.Tick> yTicks = y.ticks().stream().map(t -> new Chart.Tick(y.at(t), yFormat.apply(t))).toList();
        return new Chart(title, Chart.WIDTH, Chart.HEIGHT, plot, new Chart.Axis(xTitle, ticks),
                new Chart.Axis(yTitle, yTicks), series, List.of(), legend);
    }

    /** The polygon between the highs (left to right) and the lows (back); a lone point is a narrow bar. */
    private static String band(List<Point> points, Scale x, Scale y) {
        if (points.isEmpty()) {
            return "";
        }
        if (points.size() == 1) {
            Point p = points.get(0);
            double px = x.at(p.x());
            String top = Chart.px(y.at(clamp(p.high())));
            String bottom = Chart.px(y.at(clamp(p.low())));
            return Chart.px(px - 4) + "," + top + " " + Chart.px(px + 4) + "," + top + " " + Chart.px(px + 4) + ","
                    + bottom + " " + Chart.px(px - 4) + "," + bottom;
        }
        StringBuilder band = new StringBuilder();
        for (Point p : points) {
            band.append(Chart.px(x.at(p.x()))).append(',').append(Chart.px(y.at(clamp(p.high())))).append(' ');
        }
        for (int i = points.size() - 1; i >= 0; i--) {
            Point p = points.get(i);
            band.append(Chart.px(x.at(p.x()))).append(',').append(Chart.px(y.at(clamp(p.low())))).append(' ');
        }
        return band.toString().strip();
    }

    private static double clamp(double share) {
        return Math.max(0, Math.min(1, share));
    }
}
