package io.evalwatch.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why an item did not pass: the failure taxonomy the reports and drift checks count. An item has one primary
 * category and any number of secondary ones (ItemScored.secondaryCategories), each decided from evidence.
 */
public enum FailureCategory {
    /** Correct: every test passed. */
    NONE("none"),
    PROVIDER_ERROR("provider_error"),
    /** Format failure: the answer held no code, or its structured output was malformed. */
    FORMAT_FAILURE("format_failure"),
    /** The model declined the task (recognised from the answer's text). */
    REFUSAL("refusal"),
    SYNTAX_ERROR("syntax_error"),
    /** Plausible hallucination: calls, imports or attributes that do not exist. */
    HALLUCINATED_API("hallucinated_api"),
    /** The code imports a real package the run's environment does not provide (not the model's invention). */
    MISSING_DEPENDENCY("missing_dependency"),
    /**
     * Context drift: the answer solves a neighbouring problem (wrong entry point or signature, a stated constraint
     * ignored, or for completion the context's helpers ignored).
     */
    CONTEXT_DRIFT("context_drift"),
    /** Timeout or too slow. */
    TIMEOUT("timeout"),
    MEMORY_LIMIT("memory_limit"),
    OUTPUT_LIMIT("output_limit"),
    RUNTIME_ERROR("runtime_error"),
    /** Almost correct: every ordinary test passed, only edge tests failed. */
    ALMOST_CORRECT("almost_correct"),
    /** Boundary failure: wrong only at the boundaries (results off by one element or by one). */
    BOUNDARY_FAILURE("boundary_failure"),
    /** Wrong logic. */
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

    /** The category named by a label such as {@code wrong_answer}; null when none is. */
    public static FailureCategory fromLabel(String label) {
        for (FailureCategory c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        return null;
    }
}
