package io.evalwatch.simulator.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.simulator.truth.AnswerKind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The consistency probe's known truth: repeat noise gives the configured variance of the weighted score. */
class RepeatNoiseTest {

    private static final String PROFILES = """
            models:
              noisy:
                versions:
                  - version: "1"
                    system_fingerprint: fp1
                    seed: 77
                    pass_probability: 0.7
                    mutations: {syntax_error: 1}
                    repeat_noise: {score_variance: 0.64}
                  - {version: "2", system_fingerprint: fp2}
              steady:
                versions:
                  - {version: "1", system_fingerprint: fp1, seed: 78, pass_probability: 0.7,
                     mutations: {syntax_error: 1, refusal: 1}, repeat_noise: {score_variance: 0}}
              plain:
                versions:
                  - {version: "1", system_fingerprint: fp1, seed: 79, pass_probability: 0.7}
            """;

    @Test
    void theFlipProbabilityGivesTheConfiguredVariance() {
        for (double v : new double[] {0, 0.36, 0.64, 0.84, 0.96, 1}) {
            double r = new RepeatNoise(v).flipProbability();
            assertEquals(v, 4 * r * (1 - r), 1e-12);
        }
        assertEquals(0.1, new RepeatNoise(0.36).flipProbability(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new RepeatNoise(1.2));
    }

    @Test
    void aNoisyVersionsScoresVaryBetweenRepeatsByTheConfiguredVariance() {
        SimulatorProfiles profiles = ProfileFile.parse(PROFILES, "inline");
        ModelVersion noisy = profiles.model("noisy").version("1").orElseThrow();
        assertEquals(0.64, noisy.repeatNoise().scoreVariance(), 1e-12);
        assertEquals(noisy.repeatNoise(), profiles.model("noisy").version("2").orElseThrow().repeatNoise(),
                "inherited by the next version");
        // 2,000 tasks x 10 repeats, scored +1 (reference) or -1 (syntax error): the pooled unbiased within-task
        // variance has a standard error of about 0.006 here, and the draws are fixed, so the bound cannot flake
        int tasks = 2000;
        int repeats = 10;
        double pooled = 0;
        for (int t = 0; t < tasks; t++) {
            double[] scores = new double[repeats];
            for (int k = 0; k < repeats; k++) {
                AnswerKind kind = noisy.decide("task-" + t, 1_000_003L * t + k);
                assertTrue(kind == AnswerKind.REFERENCE || kind == AnswerKind.SYNTAX_ERROR, kind.toString());
                scores[k] = kind == AnswerKind.REFERENCE ? 1 : -1;
            }
            pooled += variance(scores) / tasks;
        }
        assertEquals(0.64, pooled, 0.03);
    }

    @Test
    void aSteadyVersionAnswersTheSamePromptTheSameWayEveryTime() {
        ModelVersion steady = ProfileFile.parse(PROFILES, "inline").model("steady").version("1").orElseThrow();
        Set<AnswerKind> seen = new HashSet<>();
        int passingTasks = 0;
        for (int t = 0; t < 200; t++) {
            AnswerKind first = steady.decide("task-" + t, 1);
            seen.add(first);
            passingTasks += first == AnswerKind.REFERENCE ? 1 : 0;
            for (long seed = 2; seed < 12; seed++) {
                assertEquals(first, steady.decide("task-" + t, seed), "task-" + t + " seed " + seed);
            }
        }
        assertTrue(seen.size() > 1, "tasks still differ from each other: " + seen);
        assertTrue(passingTasks > 100 && passingTasks < 180, "about 70 % of tasks pass: " + passingTasks);
    }

    @Test
    void withoutRepeatNoiseEveryRequestIsDrawnAfresh() {
        ModelVersion plain = ProfileFile.parse(PROFILES, "inline").model("plain").version("1").orElseThrow();
        assertNull(plain.repeatNoise());
        Set<AnswerKind> answers = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            answers.add(plain.decide("one-task", seed));
        }
        assertTrue(answers.size() > 1, answers.toString());
    }

    @Test
    void aMalformedRepeatNoiseIsRefusedWithItsField() {
        ProfileFileException e = assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1, repeat_noise: {score_variance: 1.5}}
                """, "f.yaml"));
        assertTrue(e.getMessage().contains("repeat_noise"), e.getMessage());
        assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1, repeat_noise: 0.5}
                """, "f.yaml"));
    }

    private static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (x.length - 1);
    }
}
