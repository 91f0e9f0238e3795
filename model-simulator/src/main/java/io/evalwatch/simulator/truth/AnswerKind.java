package io.evalwatch.simulator.truth;

import java.util.Locale;

/** What a simulated model answers for one item: the reference solution or one kind of known mistake. */
public enum AnswerKind {
    REFERENCE,
    OFF_BY_ONE,
    MISSING_EDGE_CASE,
    HALLUCINATED_API,
    SYNTAX_ERROR,
    WRONG_PROBLEM,
    REFUSAL,
    /** A completion's middle that ignores a helper or idiom of its context (the task's simulation block). */
    IGNORES_CONTEXT;

    /** Only the reference solution passes a task's tests; every other kind is built to fail them. */
    public boolean expectedToPass() {
        return this == REFERENCE;
    }

    /** The name used in profile files and metrics, e.g. {@code off_by_one}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named by a profile-file label such as {@code hallucinated_api}; null when none is. */
    public static AnswerKind fromLabel(String label) {
        for (AnswerKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        return null;
    }

    /** The failure category (as named by evalwatch's taxonomy) the kind is designed to produce. */
    public String expectedFailureCategory() {
        return switch (this) {
            case REFERENCE -> "none";
            case OFF_BY_ONE -> "boundary_failure";
            case WRONG_PROBLEM -> "context_drift";
            case MISSING_EDGE_CASE -> "almost_correct";
            case HALLUCINATED_API -> "hallucinated_api";
            case SYNTAX_ERROR -> "syntax_error";
            case REFUSAL -> "refusal";
            case IGNORES_CONTEXT -> "wrong_answer";
        };
    }
}
