package io.evalwatch.scoring.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.TestResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the score is a pure function, no Quarkus needed to check it against hand-computed values. */
class WeightedAccuracyTest {

    @Test
    void allPassedIsOne() {
        assertEquals(1.0, WeightedAccuracy.of(List.of(pass("a", false), pass("b", true))), 1e-12);
    }

    @Test
    void failedEdgeTestsCostHalfAndOrdinaryFailuresCostOne() {
        // 3 passed (+3), 1 failed edge (-0.5), 1 failed ordinary (-1) over 5 tests = 1.5 / 5
        List<TestResult> tests = List.of(pass("a", false), pass("b", false), pass("c", true),
                fail("d", true, TestResult.FAILED), fail("e", false, TestResult.FAILED));
        assertEquals(0.3, WeightedAccuracy.of(tests), 1e-12);
    }

    @Test
    void onlyAnEdgeCaseMissedScoresHigherThanAWrongAnswer() {
        List<TestResult> edgeMiss = List.of(pass("a", false), pass("b", false), pass("c", false), fail("d", true, "failed"));
        List<TestResult> wrong = List.of(pass("a", false), pass("b", false), pass("c", true), fail("d", false, "failed"));
        assertEquals(0.625, WeightedAccuracy.of(edgeMiss), 1e-12);
        assertEquals(0.5, WeightedAccuracy.of(wrong), 1e-12);
    }

    @Test
    void testsThatDidNotRunCountAsFailedAndNothingRunIsMinusOne() {
        List<TestResult> notRun = List.of(fail("a", false, TestResult.NOT_RUN), fail("b", false, TestResult.NOT_RUN));
        assertEquals(-1.0, WeightedAccuracy.of(notRun), 1e-12);
        assertEquals(-0.5, WeightedAccuracy.of(List.of(fail("e", true, TestResult.NOT_RUN))), 1e-12);
        assertEquals(0.0, WeightedAccuracy.of(List.of()), 1e-12);
    }

    @Test
    void whenNothingLoadedEveryTestCostsTheFullFailureSoARefusalIsMinusOne() {
        List<TestResult> neverRan = List.of(fail("a", false, TestResult.NOT_RUN), fail("b", false, TestResult.NOT_RUN),
                fail("c", true, TestResult.NOT_RUN), fail("d", true, TestResult.NOT_RUN));
        assertEquals(-1.0, WeightedAccuracy.of(neverRan, true), 1e-12);
        assertEquals(-0.75, WeightedAccuracy.of(neverRan, false), 1e-12);
        // an edge test that ran and failed keeps its half cost
        assertEquals(-0.75, WeightedAccuracy.of(List.of(fail("a", false, TestResult.ERROR),
                fail("e", true, TestResult.FAILED)), true), 1e-12);
    }

    static TestResult pass(String name, boolean edge) {
        return new TestResult(name, TestResult.PASSED, edge, null, null, 0.001);
    }

    static TestResult fail(String name, boolean edge, String status) {
        return new TestResult(name, status, edge, status.equals(TestResult.FAILED) ? "AssertionError" : null, null, 0.001);
    }
}
