package io.evalwatch.events;

/** The outcome of one test in the sandbox. status is passed, failed (assertion), error (exception), timeout or not_run. */
public record TestResult(
        String name,
        String status,
        boolean edge,
        String exceptionType,
        String message,
        double durationSeconds) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";
    public static final String TIMEOUT = "timeout";
    public static final String NOT_RUN = "not_run";

    public boolean passed() {
        return PASSED.equals(status);
    }
}
