package io.evalwatch.reporting.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.reporting.drift.RunComparison.Item;
import io.evalwatch.reporting.drift.RunComparison.ModelChange;
import io.evalwatch.reporting.drift.RunComparison.PassRateChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two runs compared item by item: pairing, McNemar's two-sided test, the interval, per kind, flips. */
class RunComparisonTest {

    private static Item item(String task, String model, String kind, boolean passed) {
        return new Item(task, model, 0, "base", kind, passed, false, passed ? "none" : "wrong_answer");
    }

    @Test
    void eightItemsThatGotWorseAndNoneBetterIsASignificantDrop() {
        List<Item> a = new ArrayList<>();
        List<Item> b = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            String kind = t < 10 ? "generation" : "review";
            a.add(item("t" + t, "m", kind, true));
            b.add(item("t" + t, "m", kind, t >= 8)); // t0..t7 fail in B: all of them generation tasks
        }
        RunComparison.Result r = RunComparison.compare("A", "B", a, b);
        PassRateChange all = r.models().get(0).all();
        assertEquals(20, all.pairs());
        assertEquals(1.0, all.passRateA(), 1e-12);
        assertEquals(0.6, all.passRateB(), 1e-12);
        assertEquals(-0.4, all.difference(), 1e-12);
        assertEquals(8, all.worse());
        assertEquals(0, all.better());
        assertEquals(2 * Math.pow(0.5, 8), all.pValue(), 1e-12); // exact two-sided: both tails of Binomial(8, 1/2)
        assertEquals("worse", all.verdict());
        assertTrue(all.ciLow() < -0.4 && all.ciHigh() < 0 && all.ciHigh() > -0.4, all.toString());

        List<PassRateChange> kinds = r.models().get(0).kinds();
        assertEquals(List.of("generation", "review"), kinds.stream().map(PassRateChange::scope).toList());
        assertEquals(-0.8, kinds.get(0).difference(), 1e-12);
        assertEquals("no_difference", kinds.get(1).verdict());
        assertEquals(0.0, kinds.get(1).difference(), 1e-12);
        assertEquals(8, r.flips().size());
        assertTrue(r.flips().stream().allMatch(f -> f.passedInA() && !f.passedInB() && "generation".equals(f.kind())));
    }

    @Test
    void fewDiscordantPairsAreNoSignificantDifference() {
        List<Item> a = List.of(item("t0", "m", "generation", true), item("t1", "m", "generation", false),
                item("t2", "m", "generation", true));
        List<Item> b = List.of(item("t0", "m", "generation", false), item("t1", "m", "generation", true),
                item("t2", "m", "generation", false));
        PassRateChange all = RunComparison.compare("A", "B", a, b).models().get(0).all();
        assertEquals(1, all.better());
        assertEquals(2, all.worse());
        assertEquals(1.0, all.pValue(), 1e-12);
        assertFalse(all.significant());
        assertEquals("no_difference", all.verdict());
    }

    @Test
    void pairsOnlyMatchingItemsPerModelAndVariantAndLeavesErroredOnesOut() {
        List<Item> a = List.of(item("t0", "m1", "generation", true), item("t1", "m1", "generation", true),
                new Item("t0", "m1", 0, "few-shot", "generation", false, false, "wrong_answer"),
                item("t0", "m2", "generation", true), item("gone", "m1", "generation", true));
        List<Item> b = List.of(item("t0", "m1", "generation", true),
                new Item("t1", "m1", 0, "base", "generation", false, true, "pipeline_error"),
                new Item("t0", "m1", 0, "few-shot", "generation", true, false, "none"),
                item("t0", "m2", "generation", false), item("new", "m2", "generation", true));
        RunComparison.Result r = RunComparison.compare("A", "B", a, b);
        assertEquals(List.of("m1/base", "m1/few-shot", "m2/base"),
                r.models().stream().map(m -> m.model() + "/" + m.variant()).toList());
        ModelChange m1 = r.models().get(0);
        assertEquals(1, m1.all().pairs(), "t1 errored in B, gone has no partner");
        assertEquals(1, r.erroredB());
        assertEquals(2, r.unpairedA(), "t1 (errored in B) and gone");
        assertEquals(1, r.unpairedB());
        assertEquals(2, r.flips().size());
        assertEquals("few-shot", r.flips().get(0).variant());
        assertEquals("m2", r.flips().get(1).model());
    }

    @Test
    void noPairsAtAllIsSaidSo() {
        RunComparison.Result r = RunComparison.compare("A", "B", List.of(item("t0", "m", "generation", true)),
                List.of(item("t1", "m", "generation", true)));
        assertTrue(r.models().isEmpty());
        assertEquals("no_pairs", RunComparison.passRate("all", List.of()).verdict());
    }
}
