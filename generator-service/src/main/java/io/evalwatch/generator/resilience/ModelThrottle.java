package io.evalwatch.generator.resilience;

import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * The client-side limits of one model: at most {@code maxConcurrency} requests in flight, and optional requests
 * and tokens per minute. A request's tokens are its estimate (prompt plus max_tokens) until the provider's count is
 * known, then corrected. Time spent here is queue time, kept apart from the model's own latency.
 */
public final class ModelThrottle {

    private final Semaphore slots;
    private final TokenBucket requests;
    private final TokenBucket tokens;
    private final LongSupplier nanoClock;
    private final Pause pause;

    /** @param requestsPerMinute null for no limit; likewise {@code tokensPerMinute} */
    public ModelThrottle(int maxConcurrency, Integer requestsPerMinute, Integer tokensPerMinute, LongSupplier nanoClock,
            Pause pause) {
        this.slots = new Semaphore(maxConcurrency, true);
        this.requests = requestsPerMinute == null ? null : TokenBucket.perMinute(requestsPerMinute, nanoClock);
        this.tokens = tokensPerMinute == null ? null : TokenBucket.perMinute(tokensPerMinute, nanoClock);
        this.nanoClock = nanoClock;
        this.pause = pause;
    }

    /** Waits for a concurrency slot and rate budget; the returned slot must be released exactly once. */
    public Slot acquire(int estimatedTokens) throws InterruptedException {
        long start = nanoClock.getAsLong();
        slots.acquire();
        long wait = 0;
        if (requests != null) {
            wait = requests.reserve(1);
        }
        if (tokens != null) {
            wait = Math.max(wait, tokens.reserve(estimatedTokens));
        }
        if (wait > 0) {
            try {
                pause.sleep(wait);
            } catch (InterruptedException e) {
                slots.release();
                throw e;
            }
        }
        return new Slot(estimatedTokens, nanoClock.getAsLong() - start);
    }

    public int availableSlots() {
        return slots.availablePermits();
    }

    /** Sleeps; a seam so tests can run on a fake clock. */
    @FunctionalInterface
    public interface Pause {
        void sleep(long nanos) throws InterruptedException;
    }

    /** A granted slot; {@code waitedNanos} is the queue time it cost. */
    public final class Slot {

        private final int estimatedTokens;
        private final long waitedNanos;
        private boolean released;

        private Slot(int estimatedTokens, long waitedNanos) {
            this.estimatedTokens = estimatedTokens;
            this.waitedNanos = waitedNanos;
        }

        public long waitedNanos() {
            return waitedNanos;
        }

        /** Frees the slot and settles the token budget with what the request really used. */
        public synchronized void release(int actualTokens) {
            if (released) {
                return;
            }
            released = true;
            if (tokens != null) {
                tokens.adjust(estimatedTokens - actualTokens);
            }
            slots.release();
        }
    }
}
