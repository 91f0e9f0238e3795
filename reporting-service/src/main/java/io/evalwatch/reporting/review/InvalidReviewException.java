package io.evalwatch.reporting.review;

/** A review request that cannot be taken as it is: which field, and what is wrong with it (a 400 answer). */
public class InvalidReviewException extends RuntimeException {

    private final String field;

    public InvalidReviewException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
