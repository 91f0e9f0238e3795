package io.evalwatch.reporting.console.chart;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart laid out in pixels, ready for the console's chart tag to draw as SVG: the plot area, both axes with
 * their ticks, each series (bars, dots, a line, an interval band) and vertical markers, with a legend entry for
 * every series and marker kind.
 */
@TemplateData
public record Chart(String title, int width, int height, Area plot, Axis x, Axis y, List<Series> series,
        List<Marker> markers, List<LegendEntry> legend) {

    /** Where the template writes what surrounds the plot: tick labels, axis titles, marker labels. */
    public double xTickLabelY() {
        return plot.bottom() + 18;
    }

    public double xTitleX() {
        return (plot.left() + plot.right()) / 2;
    }

    public double xTitleY() {
        return plot.bottom() + 44;
    }

    public double yTickLabelX() {
        return plot.left() - 6;
    }

    public String yTitleTransform() {
        return "translate(18 " + px((plot.top() + plot.bottom()) / 2) + ") rotate(-90)";
    }

    public double markerLabelY() {
        return plot.top() + 12;
    }

    /** The legend, one row per entry to the right of the plot. */
    public List<LegendRow> legendRows() {
        List<LegendRow> rows = new ArrayList<>();
        for (int i = 0; i < legend.size(); i++) {
            rows.add(new LegendRow(legend.get(i), plot.right() + 16, plot.top() + 8 + 20 * i));
        }
        return rows;
    }

    /** A legend entry placed: its swatch spans x to x + 18 around y, its text starts at x + 24. */
    @TemplateData
    public record LegendRow(LegendEntry entry, double x, double y) {
        public double swatchEnd() {
            return x + 18;
        }

        public double boxY() {
            return y - 6;
        }

        public double textX() {
            return x + 24;
        }

        public double textY() {
            return y + 4;
        }
    }

    public static final int WIDTH = 760;
    public static final int HEIGHT = 320;
    /** Left of the plot: room for the y ticks and title; right of it: the legend. */
    static final Area PLOT = new Area(72, 20, 560, 260);
    static final List<String> COLORS = List.of("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
            "#e377c2", "#17becf");

    /** The plot's edges in pixels. */
    @TemplateData
    public record Area(double left, double top, double right, double bottom) {
    }

    /** An axis: its title (with the unit) and ticks; a tick's position is along the axis, in pixels. */
    @TemplateData
    public record Axis(String title, List<Tick> ticks) {
    }

    @TemplateData
    public record Tick(double at, String label) {
    }

    /**
     * One named series in one colour. line is an SVG path ("M x y L x y ..."), band a polygon's points; either may
     * be empty.
     */
    @TemplateData
    public record Series(String name, String color, List<Bar> bars, List<Dot> dots, String line, String band) {
    }

    /** A bar from its top-left corner; title is what a pointer over it shows. */
    @TemplateData
    public record Bar(double x, double y, double width, double height, String title) {
    }

    /** A point; label is written beside it when not empty. */
    @TemplateData
    public record Dot(double x, double y, String label, String title) {
        public double labelX() {
            return x + 7;
        }

        public double labelY() {
            return y - 7;
        }
    }

    /** A vertical line at x across the plot, with a short label at its top. */
    @TemplateData
    public record Marker(double x, String label, String color, String dash) {
    }

    /** swatch: "box" for bars and dots, "line" for a line, "band" for an interval, "dash" for a marker. */
    @TemplateData
    public record LegendEntry(String label, String color, String swatch) {
    }

    static String color(int index) {
        return COLORS.get(index % COLORS.size());
    }

    static String px(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
