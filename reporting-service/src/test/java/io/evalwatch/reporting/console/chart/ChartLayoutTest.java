package io.evalwatch.reporting.console.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where bars, lines, bands and markers land, and that every series and event kind has a legend entry. */
class ChartLayoutTest {

    @Test
    void groupedBarsStandOnZeroWithHeightsInProportion() {
        Chart c = BarChart.grouped("t", "bin", List.of("a", "b"), List.of(
                new BarChart.Values("m1", List.of(4.0, 2.0)), new BarChart.Values("m2", Arrays.asList(1.0, null))),
                "items", v -> String.valueOf(v));
        assertEquals(List.of("m1", "m2"), c.legend().stream().map(Chart.LegendEntry::label).toList());
        Chart.Bar four = c.series().get(0).bars().get(0);
        Chart.Bar two = c.series().get(0).bars().get(1);
        assertEquals(c.plot().bottom(), four.y() + four.height(), 1e-9, "bars stand on the axis");
        assertEquals(2 * two.height(), four.height(), 1e-9);
        assertEquals(1, c.series().get(1).bars().size(), "a missing value draws no bar");
        assertTrue(four.title().contains("m1, a: 4.0"));
        assertEquals(List.of("a", "b"), c.x().ticks().stream().map(Chart.Tick::label).toList());
        assertEquals("0.0", c.y().ticks().get(0).label());
        assertEquals(c.plot().bottom(), c.y().ticks().get(0).at(), 1e-9);
    }

    @Test
    void curvesRunByXEachWithItsBandAndOneLegendEntryForTheBands() {
        Chart c = LineChart.of("curve", "position (%)", 0, 100, List.of(10.0, 50.0, 90.0), v -> (long) v + " %",
                List.of(new LineChart.Line("2k", List.of(new LineChart.Point(90, 0.9, 0.8, 1.0, "2k at 90"),
                                new LineChart.Point(10, 0.9, 0.8, 1.0, "2k at 10"),
                                new LineChart.Point(50, 0.3, 0.2, 0.45, "2k at 50"))),
                        new LineChart.Line("8k", List.of(new LineChart.Point(50, 0.5, null, null, "8k at 50")))),
                "95 % interval", "found (%)", v -> Math.round(v * 100) + " %");
        Chart.Series twoK = c.series().get(0);
        assertEquals(List.of("2k at 10", "2k at 50", "2k at 90"), twoK.dots().stream().map(Chart.Dot::title).toList(),
                "points in the order of x");
        assertTrue(twoK.dots().get(1).y() > twoK.dots().get(0).y(), "the dip is lower on the page");
        assertEquals((c.plot().left() + c.plot().right()) / 2, twoK.dots().get(1).x(), 1e-9, "50 in the middle");
        assertEquals(6, twoK.band().split(" ").length, "three highs and three lows");
        assertEquals("", c.series().get(1).band(), "no interval, no band");
        assertEquals(List.of("2k", "8k", "95 % interval"), c.legend().stream().map(Chart.LegendEntry::label).toList());
        assertEquals(List.of("10 %", "50 %", "90 %"), c.x().ticks().stream().map(Chart.Tick::label).toList());
        assertEquals("100 %", c.y().ticks().get(5).label());
    }

    @Test
    void aTimeLineRunsThroughItsPointsWithABandAndMarkers() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Chart c = TimeChart.of("pass", "pass rate", "interval", List.of(
                new TimeChart.Point(t0, 0.5, null, null, "ref"),
                new TimeChart.Point(t0.plusSeconds(3600), 0.25, 0.1, 0.4, "second"),
                new TimeChart.Point(t0.plusSeconds(7200), 0.75, 0.6, 0.9, "third")),
                List.of(new TimeChart.Event(t0, "reference", "new reference run"),
                        new TimeChart.Event(t0.plusSeconds(7200), "version", "model version changed")),
                "pass rate (%)", v -> Math.round(v * 100) + " %");
        Chart.Series band = c.series().get(0);
        Chart.Series line = c.series().get(1);
        assertEquals(3, line.dots().size());
        assertTrue(line.line().startsWith("M "));
        assertEquals(2, line.line().split(" L ").length - 1, "two segments");
        // y grows downwards: 0.75 is higher on the page than 0.25
        assertTrue(line.dots().get(2).y() < line.dots().get(1).y());
        assertEquals(c.plot().bottom() - 0.5 * (c.plot().bottom() - c.plot().top()), line.dots().get(0).y(), 1e-9);
        assertEquals(4, band.band().split(" ").length, "two points with an interval: four corners");
        assertEquals(2, c.markers().size());
        assertEquals(line.dots().get(0).x(), c.markers().get(0).x(), 1e-9);
        assertEquals(List.of("interval", "pass rate", "new reference run", "model version changed"),
                c.legend().stream().map(Chart.LegendEntry::label).toList());
        assertEquals("0 %", c.y().ticks().get(0).label());
        assertEquals("100 %", c.y().ticks().get(5).label());
        assertEquals("01-01 00:00", c.x().ticks().get(0).label());
        assertEquals("time (UTC)", c.x().title());
    }

    @Test
    void aSingleRunSitsInsideItsAxisAndItsIntervalIsVisible() {
        Instant t0 = Instant.parse("2026-01-01T12:00:00Z");
        Chart c = TimeChart.of("pass", "pass rate", "interval",
                List.of(new TimeChart.Point(t0, 0.5, 0.3, 0.7, "only")), List.of(), "pass rate (%)", v -> "" + v);
        Chart.Dot dot = c.series().get(1).dots().get(0);
        assertEquals((c.plot().left() + c.plot().right()) / 2, dot.x(), 1e-6);
        assertEquals("12:00:00", c.x().ticks().get(2).label(), "an hour's axis is read in seconds");
        assertEquals(4, c.series().get(0).band().split(" ").length);
    }

    @Test
    void theScatterSeparatesTheParetoSetAndLabelsEachPoint() {
        Chart c = ScatterChart.of("f", List.of(new ScatterChart.Point("cheap", 0.001, 0.4, true),
                new ScatterChart.Point("good", 0.004, 0.9, true), new ScatterChart.Point("bad", 0.005, 0.3, false)),
                "on the frontier", "behind", "cost (USD)", v -> "$" + v, "composite", v -> "" + v);
        assertEquals(List.of("cheap", "good"), c.series().get(0).dots().stream().map(Chart.Dot::label).toList());
        assertEquals(List.of("bad"), c.series().get(1).dots().stream().map(Chart.Dot::label).toList());
        Chart.Dot cheap = c.series().get(0).dots().get(0);
        Chart.Dot good = c.series().get(0).dots().get(1);
        assertTrue(cheap.x() < good.x() && good.y() < cheap.y(), "dearer to the right, better upwards");
        assertTrue(c.x().ticks().get(0).label().startsWith("$"));
        assertEquals(List.of("on the frontier", "behind"), c.legend().stream().map(Chart.LegendEntry::label).toList());
    }
}
