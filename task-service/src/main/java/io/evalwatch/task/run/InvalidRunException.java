package io.evalwatch.task.run;

/** A run request that names something that does not exist or asks for too much; answered with 400. */
public class InvalidRunException extends RuntimeException {

    private final String field;

    public InvalidRunException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
