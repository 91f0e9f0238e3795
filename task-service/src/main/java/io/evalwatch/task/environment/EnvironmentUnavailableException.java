package io.evalwatch.task.environment;

/**
 * A run's environment is not ready: still building (retry later), or sandbox-service cannot be reached. Answered with
 * 503 and Retry-After; no run is recorded, so nothing is dispatched against an environment that does not exist.
 */
public class EnvironmentUnavailableException extends RuntimeException {

    private final int retryAfterSeconds;

    public EnvironmentUnavailableException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
