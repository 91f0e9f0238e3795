package io.evalwatch.simulator.profile;

/** Simulated vendor trouble: the share of attempts answered 429 or 503, and the Retry-After sent with them. */
public record ErrorInjection(double rate429, double rate503, int retryAfterSeconds) {

    public static ErrorInjection none() {
        return new ErrorInjection(0, 0, 1);
    }

    public boolean any() {
        return rate429 > 0 || rate503 > 0;
    }
}
