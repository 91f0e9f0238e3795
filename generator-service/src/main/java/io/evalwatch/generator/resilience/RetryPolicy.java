package io.evalwatch.generator.resilience;

import io.evalwatch.generator.provider.AttemptFailure;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try again: never for failures another attempt cannot fix, never beyond {@code maxAttempts}; after the
 * wait the vendor asked for (Retry-After, plus up to 10% so a burst of throttled items does not return in lockstep),
 * or else exponential backoff with equal jitter: half of min(max, initial * 2^(n-1)) fixed, half random.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
            DoubleSupplier random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** What to do after {@code attemptsMade} attempts, the last of which failed with {@code failure}. */
    public Decision next(int attemptsMade, AttemptFailure failure) {
        if (!failure.retryable()) {
            return Decision.stop("not retryable");
        }
        if (attemptsMade >= maxAttempts) {
            return Decision.stop("gave up after " + attemptsMade + " attempts");
        }
        Duration asked = failure.retryAfter();
        if (asked != null) {
            if (asked.compareTo(maxRetryAfter) > 0) {
                return Decision.stop("the vendor asked to retry after " + asked.toMillis() / 1000.0
                        + " s, more than the " + maxRetryAfter.toMillis() / 1000.0 + " s this generator waits");
            }
            long jitter = Math.round(asked.toNanos() * 0.1 * random.getAsDouble());
            return Decision.retryAfter(asked.plusNanos(jitter));
        }
        return Decision.retryAfter(backoff(attemptsMade));
    }

    Duration backoff(int attemptsMade) {
        double ceiling = Math.min(maxBackoff.toNanos(),
                initialBackoff.toNanos() * Math.pow(2, Math.max(0, attemptsMade - 1)));
        return Duration.ofNanos(Math.round(ceiling / 2 + random.getAsDouble() * ceiling / 2));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Retry after {@code delay}, or stop for the reason given. */
    public record Decision(boolean retry, Duration delay, String why) {

        static Decision stop(String why) {
            return new Decision(false, Duration.ZERO, why);
        }

        static Decision retryAfter(Duration delay) {
            return new Decision(true, delay, null);
        }
    }
}
