package io.evalwatch.generator.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong clock = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), clock::get);

    private void fail() {
        assertTrue(breaker.tryAcquire());
        breaker.record(true, "server_error");
    }

    @Test
    void opensAfterConsecutiveVendorFailures() {
        fail();
        fail();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        fail();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
        assertTrue(breaker.refusesNow());
        assertEquals("server_error", breaker.lastFailure());
        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(Duration.ofSeconds(6), breaker.remainingOpen());
    }

    @Test
    void aSuccessResetsTheCount() {
        fail();
        fail();
        assertTrue(breaker.tryAcquire());
        breaker.record(false, null);
        fail();
        fail();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    @Test
    void throttlingDoesNotOpenIt() {
        for (int i = 0; i < 10; i++) {
            assertTrue(breaker.tryAcquire());
            breaker.record(false, "rate_limited");
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    @Test
    void letsExactlyOneProbeThroughAfterTheOpenPeriod() {
        fail();
        fail();
        fail();
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertFalse(breaker.refusesNow());
        assertTrue(breaker.tryAcquire());
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "a second call waits for the probe's outcome");
        assertTrue(breaker.refusesNow());
        breaker.record(false, null);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aFailedProbeOpensItAgainForAFullPeriod() {
        fail();
        fail();
        fail();
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        assertTrue(breaker.tryAcquire());
        breaker.record(true, "timeout");
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertEquals(Duration.ofSeconds(10), breaker.remainingOpen());
        assertEquals("timeout", breaker.lastFailure());
    }

    @Test
    void aCancelledProbeFreesTheWayForTheNext() {
        fail();
        fail();
        fail();
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(breaker.tryAcquire());
        breaker.cancel();
        assertTrue(breaker.tryAcquire());
    }
}
