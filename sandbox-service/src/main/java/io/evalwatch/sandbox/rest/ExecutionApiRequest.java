package io.evalwatch.sandbox.rest;

import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import java.util.List;

/**
 * Body of POST /api/executions. limits and rawOutput are optional; analyze (default false) adds the static
 * analysis of Python code.
 */
public record ExecutionApiRequest(
        String language,
        String code,
        String entryPoint,
        List<TestCase> tests,
        LimitsOverride limits,
        String rawOutput,
        Boolean analyze) {
}
