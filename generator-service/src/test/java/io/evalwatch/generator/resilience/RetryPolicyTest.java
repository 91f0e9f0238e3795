package io.evalwatch.generator.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.generator.provider.AttemptFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60), () -> random);
    }

    @Test
    void honoursRetryAfterPlusAtMostTenPercent() {
        AttemptFailure limited = AttemptFailure.ofStatus(429, "slow down", Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(2), policy(0.0).next(1, limited).delay());
        assertEquals(Duration.ofMillis(2100), policy(0.5).next(1, limited).delay());
        AttemptFailure unavailable = AttemptFailure.ofStatus(503, "down", Duration.ofSeconds(7));
        assertEquals(Duration.ofSeconds(7), policy(0.0).next(3, unavailable).delay());
    }

    @Test
    void backsOffExponentiallyWithEqualJitterUpToTheCap() {
        AttemptFailure error = AttemptFailure.ofStatus(500, "boom", null);
        // ceiling 0.5 s, 1 s, 2 s: half fixed, half random
        assertEquals(Duration.ofMillis(250), policy(0.0).next(1, error).delay());
        assertEquals(Duration.ofMillis(500), policy(0.999999999).next(1, error).delay());
        assertEquals(Duration.ofMillis(500), policy(0.0).next(2, error).delay());
        assertEquals(Duration.ofMillis(1500), policy(0.5).next(3, error).delay());
        RetryPolicy many = new RetryPolicy(20, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60), () -> 0.0);
        assertEquals(Duration.ofSeconds(10), many.next(15, error).delay(), "the ceiling stops at max-backoff");
    }

    @Test
    void stopsAfterMaxAttempts() {
        RetryPolicy.Decision d = policy(0).next(4, AttemptFailure.ofStatus(429, "again", Duration.ofSeconds(1)));
        assertFalse(d.retry());
        assertEquals("gave up after 4 attempts", d.why());
        assertTrue(policy(0).next(3, AttemptFailure.ofStatus(429, "again", Duration.ofSeconds(1))).retry());
    }

    @Test
    void neverRetriesWhatAnotherAttemptCannotFix() {
        assertFalse(policy(0).next(1, AttemptFailure.ofStatus(401, "bad key", null)).retry());
        assertFalse(policy(0).next(1, AttemptFailure.ofStatus(400, "bad request", null)).retry());
        assertFalse(policy(0).next(1, AttemptFailure.refused("refused", 200)).retry());
    }

    @Test
    void aRetryAfterBeyondTheLimitEndsTheItemNow() {
        RetryPolicy.Decision d = policy(0).next(1, AttemptFailure.ofStatus(429, "quota", Duration.ofHours(1)));
        assertFalse(d.retry());
        assertTrue(d.why().contains("3600.0 s"), d.why());
    }

    @Test
    void timeoutsAndBrokenConnectionsAreRetried() {
        assertTrue(policy(0).next(1, AttemptFailure.timeout("slow")).retry());
        assertTrue(policy(0).next(1, AttemptFailure.connection("reset")).retry());
    }
}
