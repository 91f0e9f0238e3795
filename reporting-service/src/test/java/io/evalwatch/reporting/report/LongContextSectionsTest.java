package io.evalwatch.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.reporting.ledger.ItemResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongContextSectionsTest {

    @Test
    void aCurvePerSizeWithIntervalsAndTheDipWhenTheMiddleIsLost() {
        List<ItemResult> items = new ArrayList<>();
        // found out of 30 at each position, at 2k; and a flat 4k
        Map<Integer, Integer> lost = Map.of(10, 29, 30, 22, 50, 9, 70, 23, 90, 28);
        lost.forEach((position, found) -> add(items, "m", 2000, position, 30, found));
        for (int position : List.of(10, 30, 50, 70, 90)) {
            add(items, "m", 4000, position, 30, 28);
        }
        ItemResult base = new ItemResult();
        base.model = "m";
        base.variant = "base";
        base.passed = true;
        items.add(base);

        List<LongContextSections.ModelCurves> models = LongContextSections.of(items);
        assertEquals(1, models.size());
        List<LongContextSections.SizeCurve> sizes = models.get(0).sizes();
        assertEquals(List.of("2k", "4k", "all"), sizes.stream().map(LongContextSections.SizeCurve::size).toList());
        LongContextSections.SizeCurve twoK = sizes.get(0);
        assertEquals(List.of(10, 30, 50, 70, 90), twoK.positions().stream().map(LongContextSections.Point::position)
                .toList());
        LongContextSections.Point middle = twoK.positions().get(2);
        assertEquals(30, middle.items());
        assertEquals(0.3, middle.accuracy(), 1e-12);
        // Wilson 95 % for 9/30: 0.1666 .. 0.4788
        assertEquals(0.1666, middle.low(), 1e-3);
        assertEquals(0.4788, middle.high(), 1e-3);
        assertTrue(twoK.dip().significant(), twoK.dip().toString());
        assertEquals(0.95 - 0.3, twoK.dip().drop(), 1e-12);
        assertTrue(twoK.dip().finding().startsWith("m loses what sits in the middle of a 2k-token context: it finds"
                + " 30 % of needles at 50 % against 95 % at the ends"), twoK.dip().finding());

        LongContextSections.SizeCurve fourK = sizes.get(1);
        assertFalse(fourK.dip().significant());
        assertNull(fourK.dip().finding());
        assertTrue(fourK.dip().pValue() > 0.5, fourK.dip().toString()); // the same share: no evidence at all
    }

    @Test
    void noDipCalledForASmallDifference() {
        List<ItemResult> items = new ArrayList<>();
        Map.of(10, 27, 30, 26, 50, 22, 70, 26, 90, 28).forEach((position, found) ->
                add(items, "m", 2000, position, 30, found));
        LongContextSections.Dip dip = LongContextSections.of(items).get(0).sizes().get(0).dip();
        // 22/30 against 55/60: p about 0.03, not below 0.001
        assertTrue(dip.pValue() > 0.001 && dip.pValue() < 0.1, dip.toString());
        assertFalse(dip.significant());
    }

    private static void add(List<ItemResult> items, String model, int size, int position, int n, int found) {
        for (int i = 0; i < n; i++) {
            ItemResult item = new ItemResult();
            item.model = model;
            item.taskId = "needle-f" + i;
            item.variant = new io.evalwatch.events.probe.LongContext.Cell(size, position).variant();
            item.passed = i < found;
            items.add(item);
        }
    }
}
