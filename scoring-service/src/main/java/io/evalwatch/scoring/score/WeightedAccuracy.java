package io.evalwatch.scoring.score;

import io.evalwatch.events.TestResult;
import java.util.List;

/**
 * Accuracy as a spectrum rather than pass/fail: +1 per passed test, -0.5 per failed edge test, -1 per other failed
 * test, divided by the number of tests. A test that did not run counts as failed: it was not shown to pass. When
 * nothing loaded (a syntax error, no code, a refusal, no entry point, a load error) no test had a chance, so each
 * costs the full -1, edge or not: a refusal scores -1. Ranges from -1 to 1 (all passed).
 */
public final class WeightedAccuracy {

    public static final double PASSED = 1.0;
    public static final double FAILED_EDGE = -0.5;
    public static final double FAILED = -1.0;

    private WeightedAccuracy() {
    }

    public static double of(List<TestResult> tests) {
        return of(tests, false);
    }

    /** @param nothingLoaded the answer's code never loaded, so its tests that did not run failed outright */
    public static double of(List<TestResult> tests, boolean nothingLoaded) {
        if (tests.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (TestResult t : tests) {
            if (t.passed()) {
                sum += PASSED;
            } else if (nothingLoaded && TestResult.NOT_RUN.equals(t.status())) {
                sum += FAILED;
            } else {
                sum += t.edge() ? FAILED_EDGE : FAILED;
            }
        }
        return sum / tests.size();
    }
}
