package io.evalwatch.reporting.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class ContaminationProbeTest {

    @Test
    void aModelThatSolvesTheOriginalsButNotTheirTwinsIsFlagged() {
        // 50 tasks: the originals pass 45, their twins the first 25 of them and nothing else
        ContaminationProbe p = probe(50, t -> t < 45, t -> t < 25);

        assertEquals(0.90, p.originalPassRate(), 1e-12);
        assertEquals(0.50, p.twinPassRate(), 1e-12);
        assertEquals(0.40, p.drop(), 1e-12);
        assertEquals(20, p.originalOnly());
        assertEquals(0, p.twinOnly());
        // two-sided exact: 2 * P(X >= 20 | Bin(20, 1/2)) = 2 / 2^20
        assertEquals(2.0 / (1 << 20), p.pExact(), 1e-15);
        assertTrue(p.dropLow() > 0 && p.dropLow() < 0.40 && p.dropHigh() > 0.40, p.dropLow() + " " + p.dropHigh());
        assertTrue(p.flagged());
        assertTrue(p.finding().startsWith("sim-x passes 0.90 of the originals and 0.50 of their twins (50 tasks, 50"
                + " pairs; drop 40.0 points, 95 % CI "), p.finding());
        assertTrue(p.finding().endsWith(": it may have memorised this suite; its results on the originals overstate"
                + " what it does on unseen code"), p.finding());
    }

    @Test
    void aModelThatAnswersTwinsAsWellAsOriginalsIsNotFlagged() {
        // 3 originals only, 2 twins only: 2 * P(X >= 3 | Bin(5, 1/2)) = 1
        ContaminationProbe p = probe(50, t -> t < 40, t -> t < 37 || t == 45 || t == 46);

        assertEquals(1.0, p.pExact(), 1e-12);
        assertFalse(p.flagged());
        assertTrue(p.finding().endsWith(": no sign that it memorised this suite"), p.finding());
    }

    @Test
    void aSignificantButSmallDropIsNotFlagged() {
        // 400 tasks: 30 originals only, 4 twins only: significant (p < 1e-5), yet a drop of 6.5 points
        ContaminationProbe p = probe(400, t -> t < 300, t -> t < 270 || (t >= 300 && t < 304));

        assertTrue(p.pExact() < 1e-5, Double.toString(p.pExact()));
        assertEquals(0.065, p.drop(), 1e-12);
        assertFalse(p.flagged());
    }

    @Test
    void twinsThatDoBetterAreNoSignOfMemorisation() {
        ContaminationProbe p = probe(50, t -> t < 20, t -> t < 45);

        assertTrue(p.drop() < 0);
        assertFalse(p.flagged());
    }

    private static ContaminationProbe probe(int tasks, IntPredicate original, IntPredicate twin) {
        VariantComparison.Result c = VariantComparison.compare(run("base", tasks, original), run("twin", tasks, twin),
                "base", "twin", 1);
        return ContaminationProbe.of("sim-x", c);
    }

    private static RunSample run(String variant, int tasks, IntPredicate passes) {
        List<ItemOutcome> items = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            boolean passed = passes.test(t);
            items.add(new ItemOutcome(String.format("task-%03d", t), 0, "general", passed, passed ? 1.0 : -1.0, 0.2,
                    1.0, 0.001, 50, "fenced", null, null, null, null, null, variant));
        }
        return new RunSample("r", "m", "1", items);
    }
}
