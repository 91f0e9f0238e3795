package io.evalwatch.simulator.task;

/** A task file that cannot be read; the message names the file and the field. */
public class TaskFileException extends RuntimeException {

    public TaskFileException(String message) {
        super(message);
    }

    public TaskFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
