package io.evalwatch.simulator.truth;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The truth is pure logic: plain JUnit, no application start. */
class TruthTest {

    private static final Map<AnswerKind, Double> WEIGHTS = weights(3, 3, 2, 1, 1, 0);

    @Test
    void sameInputsGiveTheSameAnswer() {
        for (long seed = 0; seed < 500; seed++) {
            assertEquals(Truth.decide(1001, 0.6, WEIGHTS, "running-max", seed),
                    Truth.decide(1001, 0.6, Map.copyOf(WEIGHTS), "running-max", seed));
        }
    }

    @Test
    void versionSeedTaskAndRequestSeedAllMatter() {
        int differentVersion = 0;
        int differentTask = 0;
        for (long seed = 0; seed < 1000; seed++) {
            AnswerKind base = Truth.decide(1001, 0.5, WEIGHTS, "running-max", seed);
            differentVersion += base != Truth.decide(1002, 0.5, WEIGHTS, "running-max", seed) ? 1 : 0;
            differentTask += base != Truth.decide(1001, 0.5, WEIGHTS, "is-prime", seed) ? 1 : 0;
        }
        // independent draws disagree about 60% of the time with these weights
        assertTrue(differentVersion > 450, "version seed changes answers: " + differentVersion);
        assertTrue(differentTask > 450, "task id changes answers: " + differentTask);
    }

    @Test
    void passFractionMatchesThePassProbability() {
        for (double p : new double[]{0.8, 0.55, 0.1}) {
            int n = 10_000;
            int passed = 0;
            for (long seed = 0; seed < n; seed++) {
                passed += Truth.decide(77, p, WEIGHTS, "task-" + (seed % 40), seed * 7919).expectedToPass() ? 1 : 0;
            }
            double sigma = Math.sqrt(p * (1 - p) / n);
            assertEquals(p, passed / (double) n, 4 * sigma, "pass fraction for p=" + p);
        }
    }

    @Test
    void mutationMixFollowsTheWeights() {
        int n = 10_000;
        Map<AnswerKind, Integer> counts = new EnumMap<>(AnswerKind.class);
        for (long seed = 0; seed < n; seed++) {
            counts.merge(Truth.decide(5, 0.0, WEIGHTS, "count-words", seed), 1, Integer::sum);
        }
        double total = WEIGHTS.values().stream().mapToDouble(Double::doubleValue).sum();
        for (AnswerKind kind : AnswerKind.values()) {
            double expected = WEIGHTS.getOrDefault(kind, 0.0) / total;
            double observed = counts.getOrDefault(kind, 0) / (double) n;
            double sigma = Math.sqrt(expected * (1 - expected) / n);
            assertEquals(expected, observed, 4 * sigma + 1e-9, kind + " share");
        }
        assertFalse(counts.containsKey(AnswerKind.REFERENCE));
        assertFalse(counts.containsKey(AnswerKind.REFUSAL), "a zero weight never occurs");
    }

    @Test
    void onlyTheReferenceIsExpectedToPass() {
        for (AnswerKind kind : AnswerKind.values()) {
            assertEquals(kind == AnswerKind.REFERENCE, kind.expectedToPass(), kind.name());
        }
        assertEquals(AnswerKind.OFF_BY_ONE, AnswerKind.fromLabel("off_by_one"));
    }

    @Test
    void certainPassAndImpossibleWeightsAreHandled() {
        assertEquals(AnswerKind.REFERENCE, Truth.decide(1, 1.0, Map.of(), "t", 3));
        assertThrows(IllegalArgumentException.class, () -> Truth.decide(1, 0.5, Map.of(), "t", 3));
        assertThrows(IllegalArgumentException.class, () -> Truth.decide(1, 1.5, WEIGHTS, "t", 3));
    }

    @Test
    void troubleRatesAndRetries() {
        int n = 10_000;
        int limited = 0;
        int unavailable = 0;
        int retriedAfterTrouble = 0;
        int recovered = 0;
        for (long seed = 0; seed < n; seed++) {
            VendorTrouble first = Truth.trouble(9, 0.2, 0.1, seed, 0);
            limited += first == VendorTrouble.RATE_LIMITED ? 1 : 0;
            unavailable += first == VendorTrouble.UNAVAILABLE ? 1 : 0;
            assertEquals(first, Truth.trouble(9, 0.2, 0.1, seed, 0));
            if (first != VendorTrouble.NONE) {
                retriedAfterTrouble++;
                recovered += Truth.trouble(9, 0.2, 0.1, seed, 1) == VendorTrouble.NONE ? 1 : 0;
            }
        }
        assertEquals(0.2, limited / (double) n, 0.02);
        assertEquals(0.1, unavailable / (double) n, 0.015);
        // a retry draws again: about 70% of troubled first attempts succeed the second time
        assertEquals(0.7, recovered / (double) retriedAfterTrouble, 0.05);
        assertEquals(VendorTrouble.NONE, Truth.trouble(9, 0, 0, 1, 0));
    }

    static Map<AnswerKind, Double> weights(double offByOne, double edge, double api, double syntax, double wrong,
                                           double refusal) {
        Map<AnswerKind, Double> weights = new EnumMap<>(AnswerKind.class);
        weights.put(AnswerKind.OFF_BY_ONE, offByOne);
        weights.put(AnswerKind.MISSING_EDGE_CASE, edge);
        weights.put(AnswerKind.HALLUCINATED_API, api);
        weights.put(AnswerKind.SYNTAX_ERROR, syntax);
        weights.put(AnswerKind.WRONG_PROBLEM, wrong);
        weights.put(AnswerKind.REFUSAL, refusal);
        return weights;
    }

    @Test
    void aJudgeGivesTheReferenceFiveAndAnythingElseASeededOneToThree() {
        String reference = "def f(x):\n    return x + 1\n";
        assertEquals(5, Truth.judgeScore(1, "t", 7, reference, "def f(x):\n\n    return   x + 1"));
        assertEquals(5, Truth.judgeScore(99, "other", 8, reference, reference));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            int score = Truth.judgeScore(1, "t", seed, reference, "def f(x):\n    return x");
            assertTrue(score >= 1 && score <= 3, "score " + score);
            assertEquals(score, Truth.judgeScore(1, "t", seed, reference, "def f(x):\n    return x"), "deterministic");
            seen.add(score);
        }
        assertEquals(java.util.Set.of(1, 2, 3), seen);
        assertTrue(Truth.judgeScore(1, null, 3, null, reference) <= 3, "an unknown task is never the reference");
    }
}
