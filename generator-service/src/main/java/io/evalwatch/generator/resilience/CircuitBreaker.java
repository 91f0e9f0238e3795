package io.evalwatch.generator.resilience;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One model's circuit breaker. Closed: calls pass and consecutive vendor failures are counted; at the threshold it
 * opens. Open: calls are refused for {@code openFor}. Then half-open: exactly one probe call passes; its success
 * closes the breaker, its failure opens it again. Throttling (429) and rejected requests show the vendor is up,
 * so they count as successes here; the retry policy deals with them.
 */
public final class CircuitBreaker {

    /** The breaker's states. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openForNanos;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean probeInFlight;
    private String lastFailure;

    public CircuitBreaker(int failureThreshold, Duration openFor, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Asks to send one call; when granted, the caller must report its outcome with {@link #record}. */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nanoClock.getAsLong() - openedAt < openForNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                probeInFlight = true;
                return true;
            default:
                if (probeInFlight) {
                    return false;
                }
                probeInFlight = true;
                return true;
        }
    }

    /** Whether a call now would be refused, without taking the half-open probe. */
    public synchronized boolean refusesNow() {
        return switch (state) {
            case CLOSED -> false;
            case OPEN -> nanoClock.getAsLong() - openedAt < openForNanos;
            case HALF_OPEN -> probeInFlight;
        };
    }

    /**
     * Reports the outcome of a granted call.
     *
     * @param vendorFailure whether the vendor failed (server error, timeout, broken connection)
     * @param reason the failure reason, kept for the message items get while the breaker is open
     */
    public synchronized void record(boolean vendorFailure, String reason) {
        if (state == State.HALF_OPEN) {
            probeInFlight = false;
        }
        if (!vendorFailure) {
            state = State.CLOSED;
            consecutiveFailures = 0;
            return;
        }
        lastFailure = reason;
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
        }
    }

    /** Gives back a granted call that was never sent. */
    public synchronized void cancel() {
        if (state == State.HALF_OPEN) {
            probeInFlight = false;
        }
    }

    public synchronized State state() {
        return state;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** The reason of the failure that last counted against the vendor, or null. */
    public synchronized String lastFailure() {
        return lastFailure;
    }

    /** How long until an open breaker lets a probe through; zero unless open. */
    public synchronized Duration remainingOpen() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, openForNanos - (nanoClock.getAsLong() - openedAt)));
    }
}
