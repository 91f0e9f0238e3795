package io.evalwatch.sandbox.execution;

import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import java.util.List;

/**
 * One execution to perform: the code, how to call it and test it, the limits it asked for, and (when the code
 * was extracted from a model's answer) the raw answer, so the directly-executable measure can be taken.
 */
public record ExecutionRequest(
        String language,
        String code,
        String entryPoint,
        List<TestCase> tests,
        LimitsOverride limits,
        String rawOutput,
        boolean analyze) {

    public ExecutionRequest {
        tests = tests == null ? List.of() : List.copyOf(tests);
        limits = limits == null ? LimitsOverride.none() : limits;
    }
}
