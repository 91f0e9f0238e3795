package io.evalwatch.reporting.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantComparisonTest {

    @Test
    void fewShotThatFixesTenTasksAndBreaksNoneIsAPromptingProblem() {
        // 20 tasks: base passes 8; few-shot passes the same 8 and 10 more
        RunSample base = run("base", 20, t -> t < 8);
        RunSample fewShot = run("few-shot", 20, t -> t < 18);

        VariantComparison.Result r = VariantComparison.compare(base, fewShot, "base", "few-shot", 1);

        assertEquals(20, r.pairs());
        assertEquals(10, r.better());
        assertEquals(0, r.worse());
        // two-sided exact: 2 * P(X >= 10 | Bin(10, 1/2)) = 2 / 1024
        assertEquals(2.0 / 1024, r.pExact(), 1e-15);
        assertTrue(r.significant());
        assertEquals("few-shot", r.winner());
        assertEquals(0.5, r.passRateDifference(), 1e-12);
        assertTrue(r.passRateLow() > 0 && r.passRateHigh() <= 1, r.passRateLow() + " " + r.passRateHigh());
        // weighted score: +2 on 10 of 20 pairs; every resample lies between 0 and 2
        assertEquals(1.0, r.weightedDifference(), 1e-12);
        assertTrue(r.weightedLow() > 0 && r.weightedHigh() <= 2);
        assertEquals(0.6, r.againstErrorRate(), 1e-12);
        assertEquals(0.1, r.errorRate(), 1e-12);
        assertEquals(5.0 / 6, r.errorRateCut(), 1e-12);
        assertEquals("few-shot cuts the error rate by 83 % (from 60.0 % to 10.0 %): a prompting problem, not a model"
                + " problem", r.promptingProblem());
        assertTrue(r.conclusion().startsWith("few-shot wins over base"), r.conclusion());
    }

    @Test
    void aFewDiscordantPairsAreNoEvidence() {
        // 3 tasks better, 1 worse: 2 * P(X >= 3 | Bin(4, 1/2)) = 2 * 5/16
        RunSample base = run("base", 20, t -> t < 10 || t == 19);
        RunSample fewShot = run("few-shot", 20, t -> t < 13);

        VariantComparison.Result r = VariantComparison.compare(base, fewShot, "base", "few-shot", 1);

        assertEquals(0.625, r.pExact(), 1e-15);
        assertFalse(r.significant());
        assertNull(r.winner());
        assertNull(r.promptingProblem());
        assertTrue(r.conclusion().startsWith("no significant difference"), r.conclusion());
    }

    @Test
    void aSignificantGainBelowThirtyPercentOfTheErrorsIsNoPromptingProblem() {
        // 200 tasks: base passes 100; few-shot fixes 30 and breaks 10: errors 50 % -> 40 %, a 20 % cut
        RunSample base = run("base", 200, t -> t < 100);
        RunSample fewShot = run("few-shot", 200, t -> (t >= 10 && t < 100) || (t >= 100 && t < 130));

        VariantComparison.Result r = VariantComparison.compare(base, fewShot, "base", "few-shot", 1);

        assertEquals(30, r.better());
        assertEquals(10, r.worse());
        assertTrue(r.significant());
        assertEquals(0.2, r.errorRateCut(), 1e-12);
        assertNull(r.promptingProblem());
    }

    @Test
    void onlyFewShotAgainstBaseSpeaksOfPrompting() {
        RunSample base = run("base", 20, t -> t < 8);
        RunSample structured = run("structured", 20, t -> t < 18);

        VariantComparison.Result r = VariantComparison.compare(base, structured, "base", "structured", 1);

        assertEquals("structured", r.winner());
        assertNull(r.promptingProblem());
    }

    @Test
    void variantsOfOneRunArePairedByTaskAndSampleAndRunsByTaskSampleAndVariant() {
        List<ItemOutcome> items = new ArrayList<>(run("base", 5, t -> true).items());
        items.addAll(run("few-shot", 5, t -> false).items());
        RunSample both = new RunSample("r", "m", "1", items);

        // two runs of two variants each: every item finds its own variant's partner
        PairedItems acrossRuns = PairedItems.match(both, both);
        assertEquals(10, acrossRuns.all().size());
        assertTrue(acrossRuns.all().stream().allMatch(p -> p.baseline().variant().equals(p.candidate().variant())));
        // two variants of one run: paired by task and sample
        PairedItems acrossVariants = PairedItems.acrossVariants(run("base", 5, t -> true), run("few-shot", 5, t -> false));
        assertEquals(5, acrossVariants.all().size());
        assertTrue(acrossVariants.all().stream().allMatch(p -> p.baseline().taskId().equals(p.candidate().taskId())));
        // one side holding two variants of a task cannot be paired with another variant
        assertThrows(IllegalArgumentException.class, () -> PairedItems.acrossVariants(both, both));
    }

    private static RunSample run(String variant, int tasks, java.util.function.IntPredicate passes) {
        List<ItemOutcome> items = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            boolean passed = passes.test(t);
            items.add(new ItemOutcome(String.format("task-%03d", t), 0, "general", passed, passed ? 1.0 : -1.0, 0.2,
                    1.0, 0.001, 50, "fenced", null, null, null, null, null, variant));
        }
        return new RunSample("r", "m", "1", items);
    }
}
