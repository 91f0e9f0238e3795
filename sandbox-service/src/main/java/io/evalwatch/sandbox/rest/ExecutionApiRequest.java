package io.evalwatch.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import java.util.List;

/**
 * Body of POST /api/executions. limits and rawOutput are optional; analyze (default false) adds the static
 * analysis of Python code. environment (optional) is the suite environment to run in: an EnvironmentSpec object
 * (built on first need) or the lock hash of one already built, as a string.
 */
public record ExecutionApiRequest(
        String language,
        String code,
        String entryPoint,
        List<TestCase> tests,
        LimitsOverride limits,
        String rawOutput,
        Boolean analyze,
        JsonNode environment) {
}
