package io.evalwatch.suite;

import java.nio.file.Path;

/**
 * One thing wrong in a suite: where (file, 1-based line and column) and what to write instead. Printed as
 * {@code file:line:col: message}, the form editors and terminals link to.
 */
public record Problem(Path file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
