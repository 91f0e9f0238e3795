package io.evalwatch.task.suite;

/** A suite version, or a task of one, that was never stored and is not the version on disk; answered with 404. */
public class UnknownSuiteVersionException extends RuntimeException {

    private final String field;

    public UnknownSuiteVersionException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
