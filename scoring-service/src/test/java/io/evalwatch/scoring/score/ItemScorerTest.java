package io.evalwatch.scoring.score;

import static io.evalwatch.scoring.score.WeightedAccuracyTest.fail;
import static io.evalwatch.scoring.score.WeightedAccuracyTest.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ItemScorerTest {

    static final TaskSpec TASK = new TaskSpec("t", "lists", TaskKind.GENERATION, "python", "p", "f",
            List.of(new TestCase("a", "assert f()", false), new TestCase("b", "assert f()", false),
                    new TestCase("edge", "assert f()", true)), 5, List.of());

    @Test
    void allPassedIsAPass() {
        ItemScored s = score(Outcomes.COMPLETED, List.of(pass("a", false), pass("b", false), pass("edge", true)));

        assertTrue(s.passed());
        assertEquals(FailureCategory.NONE, s.failureCategory());
        assertEquals(3, s.testsPassed());
        assertEquals(1.0, s.passFraction(), 1e-12);
    }

    @Test
    void onlyEdgeFailuresAreAnEdgeCaseFailure() {
        ItemScored s = score(Outcomes.COMPLETED, List.of(pass("a", false), pass("b", false),
                fail("edge", true, TestResult.FAILED)));

        assertFalse(s.passed());
        assertEquals(FailureCategory.ALMOST_CORRECT, s.failureCategory());
        assertEquals(2.0 / 3, s.passFraction(), 1e-12);
        assertEquals(1.5 / 3, s.weightedAccuracy(), 1e-12);
    }

    @Test
    void anOrdinaryAssertionFailureIsAWrongAnswer() {
        assertEquals(FailureCategory.WRONG_ANSWER, score(Outcomes.COMPLETED, List.of(pass("a", false),
                fail("b", false, TestResult.FAILED), pass("edge", true))).failureCategory());
    }

    @Test
    void aNameErrorIsAHallucinatedApiEvenWithoutTheSandboxSignal() {
        TestResult nameError = new TestResult("a", TestResult.ERROR, false, "NameError", "name 'fast_sum' is not defined", 0);
        assertEquals(FailureCategory.HALLUCINATED_API, score(Outcomes.COMPLETED,
                List.of(nameError, pass("b", false), pass("edge", true))).failureCategory());
    }

    @Test
    void aRealPackageTheEnvironmentLacksIsAMissingDependencyNotAHallucinatedApi() {
        TestResult noNumpy = new TestResult("a", TestResult.ERROR, false, "ModuleNotFoundError",
                "No module named 'numpy'", 0);
        List<TestResult> tests = List.of(noNumpy, pass("b", false), pass("edge", true));
        ItemScored signalled = ItemScorer.score(new ExecutionCompleted(1, "r/t/m/0/base", "r", generation(null),
                Outcomes.COMPLETED, tests, List.of("missing_dependency", "runtime_error"), Map.of(), "bwrap", 0.05,
                Instant.EPOCH), Instant.EPOCH);
        assertEquals(FailureCategory.MISSING_DEPENDENCY, signalled.failureCategory());
        assertEquals(FailureCategory.HALLUCINATED_API, score(Outcomes.COMPLETED, tests).failureCategory(),
                "without the sandbox's signal an unimportable module stays a hallucinated API");
    }

    @Test
    void syntaxErrorWinsAndMissingResultsCountAsNotRun() {
        ItemScored s = score(Outcomes.SYNTAX_ERROR, List.of());

        assertEquals(FailureCategory.SYNTAX_ERROR, s.failureCategory());
        assertEquals(3, s.testsTotal());
        assertEquals(TestResult.NOT_RUN, s.tests().get(2).status());
        assertEquals(-1.0, s.weightedAccuracy(), 1e-12, "nothing loaded: the edge test that never ran costs -1 too");
    }

    @Test
    void aRefusalScoresMinusOneAndIsARefusal() {
        GenerationCompleted refused = new GenerationCompleted(1, "r/t/m/0/base", "r", "s", "1+abc", "m", 0, "base",
                TASK, "I'm sorry, but I can't help with writing this function.", null, "none", Timings.none(),
                new Usage(10, 20), 0.02, null, null, 2, Instant.EPOCH, Instant.EPOCH);
        ItemScored s = ItemScorer.score(new ExecutionCompleted(1, refused.itemId(), "r", refused, Outcomes.NO_CODE,
                List.of(), List.of(), Map.of(), "bwrap", 0, Instant.EPOCH), Instant.EPOCH);

        assertEquals(FailureCategory.REFUSAL, s.failureCategory());
        assertEquals(-1.0, s.weightedAccuracy(), 1e-12);
        assertEquals(2, s.attempts());
    }

    @Test
    void secondaryCategoriesAndQualityMetricsAreFilled() {
        Map<String, Object> analysis = Map.of("pyflakes", Map.of("undefinedNames", List.of("helper")),
                "mccabe", Map.of("maxComplexity", 5, "referenceMaxComplexity", 3),
                "bandit", Map.of("skipped", "code does not parse"));
        ItemScored s = ItemScorer.score(new ExecutionCompleted(1, "r/t/m/0/base", "r", generation(null),
                Outcomes.COMPLETED, List.of(pass("a", false), fail("b", false, TestResult.FAILED), pass("edge", true)),
                List.of("undefined_names", "hallucinated_api"), analysis, "bwrap", 0.05, Instant.EPOCH), Instant.EPOCH);

        assertEquals(FailureCategory.WRONG_ANSWER, s.failureCategory());
        assertEquals(List.of(FailureCategory.HALLUCINATED_API), s.secondaryCategories());
        assertEquals(Map.of("quality.complexity", 5.0, "quality.complexity_delta", 2.0,
                "quality.undefined_names", 1.0), s.metrics());
    }

    @Test
    void aTimeoutMidwayIsATimeout() {
        assertEquals(FailureCategory.TIMEOUT, score(Outcomes.TIMEOUT, List.of(pass("a", false),
                new TestResult("b", TestResult.TIMEOUT, false, null, null, 5))).failureCategory());
    }

    @Test
    void aProviderFailureIsScoredNotDropped() {
        GenerationCompleted failed = generation(new GenerationError("rate_limited", "429 after 5 attempts", 429, 5));

        ItemScored s = ItemScorer.scoreUnexecuted(failed, Instant.EPOCH);

        assertEquals(FailureCategory.PROVIDER_ERROR, s.failureCategory());
        assertEquals(3, s.testsTotal());
        assertEquals(0, s.testsPassed());
        assertEquals(0.02, s.costUsd(), 1e-12);
    }

    @Test
    void anAnswerIsMeasuredAgainstTheTasksReferenceAndCarriesItsKind() {
        TaskSpec withReference = new TaskSpec("t", "lists", TaskKind.COMPLETION, "python", "p", "f", TASK.tests(), 5,
                List.of(), null, null, "def f():\n    return True\n");
        GenerationCompleted g = new GenerationCompleted(1, "r/t/m/0/base", "r", "s", "1+abc", "m", 0, "base",
                withReference, "out", "def f():\n    return True\n", "fenced", Timings.none(), new Usage(10, 20), 0.02,
                null, null, 1, Instant.EPOCH, Instant.EPOCH);
        ItemScored s = ItemScorer.score(new ExecutionCompleted(1, g.itemId(), "r", g, Outcomes.COMPLETED,
                List.of(pass("a", false), pass("b", false), pass("edge", true)), List.of(), Map.of(), "bwrap", 0,
                Instant.EPOCH), Instant.EPOCH);

        assertEquals(1.0, s.metrics().get(ItemMetrics.EXACT_MATCH));
        assertEquals(100.0, s.metrics().get(ItemMetrics.CHRF), 1e-9);
        assertEquals(TaskKind.COMPLETION, s.kind());
        // no reference, no similarity
        assertFalse(score(Outcomes.COMPLETED, List.of(pass("a", false))).metrics().containsKey(ItemMetrics.CHRF));
    }

    private static ItemScored score(String outcome, List<TestResult> tests) {
        return ItemScorer.score(new ExecutionCompleted(1, "r/t/m/0/base", "r", generation(null), outcome, tests,
                List.of(), Map.of(), "bwrap", 0.05, Instant.EPOCH), Instant.EPOCH);
    }

    public static GenerationCompleted generation(GenerationError error) {
        return new GenerationCompleted(1, "r/t/m/0/base", "r", "s", "1+abc", "m", 0, "base", TASK, "out", "code",
                "fenced", Timings.none(), new Usage(10, 20), 0.02, null, error, 1, Instant.EPOCH, Instant.EPOCH);
    }
}
