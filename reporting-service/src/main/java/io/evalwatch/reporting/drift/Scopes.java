package io.evalwatch.reporting.drift;

/** The scope names of comparisons and findings besides category names. */
final class Scopes {

    /** Every paired item of the analysis. */
    static final String ALL = "all";

    private Scopes() {
    }
}
