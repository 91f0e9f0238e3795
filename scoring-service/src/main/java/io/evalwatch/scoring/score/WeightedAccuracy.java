package io.evalwatch.scoring.score;

import io.evalwatch.events.TestResult;
import java.util.List;

/**
 * Accuracy as a spectrum rather than pass/fail: +1 per passed test, -0.5 per failed edge test, -1 per other failed
 * test, divided by the number of tests. A test that did not run counts as failed: it was not shown to pass.
 * Ranges from -1 (every ordinary test failed) to 1 (all passed).
 */
public final class WeightedAccuracy {

    public static final double PASSED = 1.0;
    public static final double FAILED_EDGE = -0.5;
    public static final double FAILED = -1.0;

    private WeightedAccuracy() {
    }

    public static double of(List<TestResult> tests) {
        if (tests.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (TestResult t : tests) {
            sum += t.passed() ? PASSED : t.edge() ? FAILED_EDGE : FAILED;
        }
        return sum / tests.size();
    }
}
