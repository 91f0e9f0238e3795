package io.evalwatch.cli.importer;

/** An import that could not be done: the message says where (file, line or record, field) and what to do. */
public class ImportException extends Exception {

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
