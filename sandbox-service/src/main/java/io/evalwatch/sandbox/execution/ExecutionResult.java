package io.evalwatch.sandbox.execution;

import io.evalwatch.events.TestResult;
import java.util.List;
import java.util.Map;

/**
 * What an execution found: the outcome as a whole (ExecutionCompleted.Outcomes), one result per test in
 * order, the signals, static analysis, the isolation it ran under, and the output kept. message explains an
 * outcome other than completed (the syntax error, the crash, what isolation is missing).
 */
public record ExecutionResult(
        String outcome,
        String message,
        List<TestResult> tests,
        List<String> signals,
        Map<String, Object> staticAnalysis,
        String isolation,
        double durationSeconds,
        String output,
        boolean outputTruncated) {

    public ExecutionResult withStaticAnalysis(Map<String, Object> analysis, List<String> extraSignals, double seconds) {
        List<String> merged = new java.util.ArrayList<>(signals);
        for (String signal : extraSignals) {
            if (!merged.contains(signal)) {
                merged.add(signal);
            }
        }
        return new ExecutionResult(outcome, message, tests, List.copyOf(merged), analysis, isolation,
                durationSeconds + seconds, output, outputTruncated);
    }
}
