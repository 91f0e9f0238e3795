package io.evalwatch.sandbox.execution;

import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.isolation.EnvironmentMount;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import java.util.List;

/**
 * One execution to perform: the code, how to call it and test it, the limits it asked for, and (when the code
 * was extracted from a model's answer) the raw answer, so the directly-executable measure can be taken.
 * environment is the suite environment the code runs with, or null for the plain sandbox. reference is the task
 * author's solution (null when none): it is never executed, only measured beside the code (its complexity).
 */
public record ExecutionRequest(
        String language,
        String code,
        String entryPoint,
        List<TestCase> tests,
        LimitsOverride limits,
        String rawOutput,
        boolean analyze,
        EnvironmentMount environment,
        String reference) {

    public ExecutionRequest {
        tests = tests == null ? List.of() : List.copyOf(tests);
        limits = limits == null ? LimitsOverride.none() : limits;
    }

    /** A request without a reference solution. */
    public ExecutionRequest(String language, String code, String entryPoint, List<TestCase> tests,
            LimitsOverride limits, String rawOutput, boolean analyze, EnvironmentMount environment) {
        this(language, code, entryPoint, tests, limits, rawOutput, analyze, environment, null);
    }

    /** A request of the plain sandbox. */
    public ExecutionRequest(String language, String code, String entryPoint, List<TestCase> tests,
            LimitsOverride limits, String rawOutput, boolean analyze) {
        this(language, code, entryPoint, tests, limits, rawOutput, analyze, null, null);
    }

    public ExecutionRequest withEnvironment(EnvironmentMount mount) {
        return new ExecutionRequest(language, code, entryPoint, tests, limits, rawOutput, analyze, mount, reference);
    }
}
