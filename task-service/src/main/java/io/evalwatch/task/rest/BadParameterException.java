package io.evalwatch.task.rest;

/** A query parameter out of range; answered with 400 naming it. */
public class BadParameterException extends RuntimeException {

    private final String field;

    public BadParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
