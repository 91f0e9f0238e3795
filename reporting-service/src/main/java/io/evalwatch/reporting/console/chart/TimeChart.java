package io.evalwatch.reporting.console.chart;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A share over time (0 to 1): one line through the points, an interval band where points have one, and vertical
 * markers for events (a new reference, a new model version). Time runs along x in proportion to the clock. Pure.
 */
public final class TimeChart {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /** Runs minutes apart (a CI series checked twice in a row) need seconds to tell the ticks apart. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private TimeChart() {
    }

    /** A value at a time with its interval (low and high both null when it has none). */
    public record Point(Instant at, double value, Double low, Double high, String title) {
    }

    /** An event at a time; kind names its legend entry, and events of one kind share a colour. */
    public record Event(Instant at, String label, String kind) {
    }

    public static Chart of(String title, String lineName, String bandName, List<Point> points, List<Event> events,
            String yTitle, DoubleFunction<String> format) {
        Chart.Area plot = Chart.PLOT;
        long first = points.stream().mapToLong(p -> p.at().getEpochSecond()).min().orElse(0);
        long last = points.stream().mapToLong(p -> p.at().getEpochSecond()).max().orElse(first);
        for (Event e : events) {
            first = Math.min(first, e.at().getEpochSecond());
            last = Math.max(last, e.at().getEpochSecond());
        }
        // a single run sits in the middle of an hour's axis instead of on its edge
        long start = last > first ? first : first - 1800;
        long end = last > first ? last : first + 1800;
        Scale x = Scale.fixed(start, end, plot.left() + 12, plot.right() - 12, (end - start) / 4.0);
        Scale y = Scale.fixed(0, 1, plot.bottom(), plot.top(), 0.2);

        List<Point> sorted = points.stream().sorted(java.util.Comparator.comparing(Point::at)).toList();
        StringBuilder line = new StringBuilder();
        List<Chart.Dot> dots = new ArrayList<>();
        for (Point p : sorted) {
            double px = x.at(p.at().getEpochSecond());
            double py = y.at(p.value());
            line.append(line.isEmpty() ? "M " : " L ").append(Chart.px(px)).append(' ').append(Chart.px(py));
            dots.add(new Chart.Dot(px, py, "", p.title()));
        }
        List<Point> withInterval = sorted.stream().filter(p -> p.low() != null && p.high() != null).toList();
        StringBuilder band = new StringBuilder();
        for (Point p : withInterval) {
            band.append(Chart.px(x.at(p.at().getEpochSecond()))).append(',').append(Chart.px(y.at(clamp(p.high()))))
                    .append(' ');
        }
        for (int i = withInterval.size() - 1; i >= 0; i--) {
            Point p = withInterval.get(i);
            band.append(Chart.px(x.at(p.at().getEpochSecond()))).append(',').append(Chart.px(y.at(clamp(p.low()))))
                    .append(' ');
        }
        List<Chart.Series> series = new ArrayList<>();
        List<Chart.LegendEntry> legend = new ArrayList<>();
        String color = Chart.color(0);
        if (!withInterval.isEmpty()) {
            // one point with an interval is drawn as a vertical bar: a polygon of two corners would vanish
            String drawnBand = withInterval.size() == 1 ? widen(withInterval.get(0), x, y) : band.toString().strip();
            series.add(new Chart.Series(bandName, color, List.of(), List.of(), "", drawnBand));
            legend.add(new Chart.LegendEntry(bandName, color, "band"));
        }
        series.add(new Chart.Series(lineName, color, List.of(), dots, line.toString(), ""));
        legend.add(new Chart.LegendEntry(lineName, color, "line"));

        List<String> kinds = events.stream().map(Event::kind).distinct().toList();
        List<Chart.Marker> markers = new ArrayList<>();
        for (Event e : events) {
            String markerColor = Chart.color(2 + kinds.indexOf(e.kind()));
            markers.add(new Chart.Marker(x.at(e.at().getEpochSecond()), e.label(), markerColor,
                    kinds.indexOf(e.kind()) == 0 ? "6 3" : "2 3"));
        }
        for (String kind : kinds) {
            legend.add(new Chart.LegendEntry(kind, Chart.color(2 + kinds.indexOf(kind)),
                    kinds.indexOf(kind) == 0 ? "dash" : "dot"));
        }
        DateTimeFormatter tickFormat = end - start < 7200 ? CLOCK : DAY_TIME;
        List<Chart.Tick> xTicks = x.ticks().stream()
                .map(t -> new Chart.Tick(x.at(t), tickFormat.format(Instant.ofEpochSecond(Math.round(t))))).toList();
        List<Chart.Tick> yTicks = y.ticks().stream().map(t -> new Chart.Tick(y.at(t), format.apply(t))).toList();
        return new Chart(title, Chart.WIDTH, Chart.HEIGHT, plot, new Chart.Axis("time (UTC)", xTicks),
                new Chart.Axis(yTitle, yTicks), series, markers, legend);
    }

    private static String widen(Point p, Scale x, Scale y) {
        double px = x.at(p.at().getEpochSecond());
        double top = y.at(clamp(p.high()));
        double bottom = y.at(clamp(p.low()));
        return Chart.px(px - 4) + "," + Chart.px(top) + " " + Chart.px(px + 4) + "," + Chart.px(top) + " "
                + Chart.px(px + 4) + "," + Chart.px(bottom) + " " + Chart.px(px - 4) + "," + Chart.px(bottom);
    }

    private static double clamp(double share) {
        return Math.max(0, Math.min(1, share));
    }
}
