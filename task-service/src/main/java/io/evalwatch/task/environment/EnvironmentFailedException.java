package io.evalwatch.task.environment;

/** A suite's environment failed to build (a package that does not resolve, say); answered with 422. */
public class EnvironmentFailedException extends RuntimeException {

    public EnvironmentFailedException(String message) {
        super(message);
    }
}
