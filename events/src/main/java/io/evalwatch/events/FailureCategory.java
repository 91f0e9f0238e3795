package io.evalwatch.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The first reason an item did not pass: the failure taxonomy the reports and drift checks count. */
public enum FailureCategory {
    NONE("none"),
    PROVIDER_ERROR("provider_error"),
    NO_CODE("no_code"),
    SYNTAX_ERROR("syntax_error"),
    MISSING_ENTRY_POINT("missing_entry_point"),
    HALLUCINATED_API("hallucinated_api"),
    /** The code imports a real package the run's environment does not provide (not the model's invention). */
    MISSING_DEPENDENCY("missing_dependency"),
    TIMEOUT("timeout"),
    MEMORY_LIMIT("memory_limit"),
    OUTPUT_LIMIT("output_limit"),
    RUNTIME_ERROR("runtime_error"),
    EDGE_CASE_FAILURE("edge_case_failure"),
    WRONG_ANSWER("wrong_answer"),
    SANDBOX_ERROR("sandbox_error"),
    PIPELINE_ERROR("pipeline_error");

    private final String label;

    FailureCategory(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
