package io.evalwatch.reporting.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyTest {

    @Test
    void aSmallCaseComputedByHand() {
        List<Consistency.Repeat> repeats = new ArrayList<>();
        // task a: +1, +1, -1, -1 -> mean 0, unbiased variance 4/3; passes 1,1,0,0 -> variance 1/3
        repeats.add(new Consistency.Repeat("a", 0, true, 1, "def f():\n    return 1\n"));
        repeats.add(new Consistency.Repeat("a", 1, true, 1, "```python\ndef f():  # the answer\n  return 1\n```"));
        repeats.add(new Consistency.Repeat("a", 2, false, -1, "def f(:\n"));
        repeats.add(new Consistency.Repeat("a", 3, false, -1, "def f(:\n"));
        // task b: always +1 with one output
        for (int k = 0; k < 4; k++) {
            repeats.add(new Consistency.Repeat("b", k, true, 1, "x = 1"));
        }
        // task c: a single repeat measures nothing and is left out
        repeats.add(new Consistency.Repeat("c", 0, true, 1, "y"));

        Consistency.Result r = Consistency.of(repeats);
        assertEquals(2, r.tasks());
        assertEquals(8, r.items());
        assertEquals(4, r.repeats());
        // pooled: (3 x 4/3 + 3 x 0) / 6
        assertEquals(2.0 / 3, r.scoreVariance(), 1e-12);
        assertEquals(1.0 / 6, r.passVariance(), 1e-12);
        // a's two passing answers differ only in a fence, a comment and whitespace: 2 distinct outputs; b: 1
        assertEquals(1.5, r.meanDistinctOutputs(), 1e-12);
        assertEquals(1, r.identicalTasks());
        // pass@1: (0.5 + 1) / 2; pass@4: (1 + 1) / 2
        assertEquals(0.75, r.passAt1(), 1e-12);
        assertEquals(1.0, r.passAtN(), 1e-12);
        assertTrue(r.finding().contains("variance 0.667"), r.finding());
        assertTrue(r.finding().contains("passes 75 % of tasks, the best of the repeats 100 %"), r.finding());
    }

    @Test
    void aSteadyModelHasNoNoiseAndNoFinding() {
        List<Consistency.Repeat> repeats = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            for (int k = 0; k < 3; k++) {
                repeats.add(new Consistency.Repeat("t" + t, k, t % 2 == 0, t % 2 == 0 ? 1 : -0.5, "same " + t));
            }
        }
        Consistency.Result r = Consistency.of(repeats);
        assertEquals(0, r.scoreVariance(), 0);
        assertEquals(0, r.passVariance(), 0);
        assertEquals(5, r.identicalTasks());
        assertEquals(r.passAt1(), r.passAtN(), 1e-12);
        assertNull(r.finding());
    }

    @Test
    void normalisingStripsCommentsFencesAndWhitespace() {
        assertEquals(Consistency.normalise("def f(x):\n    return x  # why\n"),
                Consistency.normalise("```python\ndef f(x):\n  return x\n```\n"));
        assertEquals(Consistency.normalise("int f() { /* note */ return 1; // done\n}"),
                Consistency.normalise("int f() {\n  return 1;\n}"));
        assertTrue(!Consistency.normalise("return 1").equals(Consistency.normalise("return 2")));
    }

    @Test
    void theNoiseFloorRaisesTheMinimumDropByItsStandardError() {
        NoiseFloor floor = new NoiseFloor("p", 0.24, 0.96, 30, 10);
        // two runs of 150 items differ by noise alone with sd sqrt(2 x 0.24 / 150) = 0.0566 on the pass rate
        assertEquals(Math.sqrt(2 * 0.24 / 150), floor.passRateStandardError(150), 1e-12);
        assertEquals(2 * Math.sqrt(2 * 0.24 / 150), floor.minPassRateDrop(0.05, 2, 150), 1e-12);
        assertEquals(2 * Math.sqrt(2 * 0.96 / 150), floor.minWeightedAccuracyDrop(0.1, 2, 150), 1e-12);
        // a quiet model, or many items: the configured minimum stands
        assertEquals(0.05, new NoiseFloor("p", 0.0, 0.0, 30, 10).minPassRateDrop(0.05, 2, 150), 0);
        assertEquals(0.05, floor.minPassRateDrop(0.05, 2, 100_000), 0);
    }
}
