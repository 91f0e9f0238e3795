package io.evalwatch.generator.resilience;

import java.util.function.LongSupplier;

/**
 * A refilling budget (requests or tokens per minute) that hands out reservations: a caller takes what it needs at
 * once, possibly going into debt, and is told how long to wait until the debt is repaid. Reserving in arrival order
 * keeps waiting callers first come, first served, and a request larger than the whole budget still gets through.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double available;
    private long updatedAt;

    public TokenBucket(double capacity, double perSecond, LongSupplier nanoClock) {
        if (capacity <= 0 || perSecond <= 0) {
            throw new IllegalArgumentException("capacity and rate must be positive");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.nanoClock = nanoClock;
        this.available = capacity;
        this.updatedAt = nanoClock.getAsLong();
    }

    /** A bucket for a per-minute limit: the full minute's budget may be spent at once, and refills evenly. */
    public static TokenBucket perMinute(int limit, LongSupplier nanoClock) {
        return new TokenBucket(limit, limit / 60.0, nanoClock);
    }

    /** Takes {@code amount} and returns the nanoseconds to wait before using it. */
    public synchronized long reserve(double amount) {
        refill();
        available -= amount;
        return available >= 0 ? 0 : (long) Math.ceil(-available / perNano);
    }

    /** Corrects an earlier reservation: positive gives back what was not used, negative takes what was used beyond it. */
    public synchronized void adjust(double amount) {
        refill();
        available = Math.min(capacity, available + amount);
    }

    public synchronized double available() {
        refill();
        return available;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        available = Math.min(capacity, available + (now - updatedAt) * perNano);
        updatedAt = now;
    }
}
