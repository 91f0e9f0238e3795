package io.evalwatch.scoring.kind;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.TestResult;
import java.util.List;
import java.util.Map;

/**
 * What a kind's scorer decides about one item: the verdict, the weighted score, why it failed, and the kind's named
 * measures (ItemMetrics). {@code tests} are the item's test results, one per test of the task (empty for the kinds
 * that are not executed); {@code weighted} is the kind's spectrum: weighted accuracy (-1..1) for the executed
 * kinds, F1 (review) and nDCG@5 (search) in 0..1.
 */
public record KindVerdict(boolean passed, List<TestResult> tests, double weighted, FailureCategory failure,
        List<FailureCategory> secondary, Map<String, Double> metrics) {

    public KindVerdict {
        tests = List.copyOf(tests);
        secondary = List.copyOf(secondary);
        metrics = Map.copyOf(metrics);
    }

    /** A verdict without tests or secondary categories: the kinds that are not executed. */
    static KindVerdict unexecuted(boolean passed, double weighted, FailureCategory failure,
            Map<String, Double> metrics) {
        return new KindVerdict(passed, List.of(), weighted, failure, List.of(), metrics);
    }

    public int testsPassed() {
        return (int) tests.stream().filter(TestResult::passed).count();
    }
}
