package io.evalwatch.scoring.kind;

/** The F1 score of the kinds that count matches: review's findings, completion's identifiers. */
final class F1 {

    private F1() {
    }

    /** The harmonic mean of precision and recall; 0 when both are 0. */
    static double of(double precision, double recall) {
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
