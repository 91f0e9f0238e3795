package io.evalwatch.generator.resilience;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ModelThrottleTest {

    private final AtomicLong clock = new AtomicLong();
    private final ModelThrottle.Pause fakeSleep = clock::addAndGet;

    @Test
    void requestsPerMinuteSpendTheBudgetThenRefillEvenly() throws Exception {
        ModelThrottle throttle = new ModelThrottle(100, 60, null, clock::get, fakeSleep);
        for (int i = 0; i < 60; i++) {
            ModelThrottle.Slot slot = throttle.acquire(1);
            assertEquals(0, slot.waitedNanos());
            slot.release(1);
        }
        // the 61st waits for one request's worth of refill: one second at 60/min
        ModelThrottle.Slot slot = throttle.acquire(1);
        assertEquals(Duration.ofSeconds(1).toNanos(), slot.waitedNanos());
        slot.release(1);
        assertEquals(Duration.ofSeconds(1).toNanos(), throttle.acquire(1).waitedNanos());
    }

    @Test
    void tokensPerMinuteAreSettledWithTheRealCount() throws Exception {
        ModelThrottle throttle = new ModelThrottle(100, null, 6000, clock::get, fakeSleep);
        ModelThrottle.Slot first = throttle.acquire(6000);
        assertEquals(0, first.waitedNanos());
        first.release(600); // 5400 estimated but unused come back
        ModelThrottle.Slot second = throttle.acquire(5400);
        assertEquals(0, second.waitedNanos());
        second.release(5400);
        // the budget is spent: 1200 tokens at 100/s take 12 s
        assertEquals(Duration.ofSeconds(12).toNanos(), throttle.acquire(1200).waitedNanos());
    }

    @Test
    void aRequestLargerThanTheWholeBudgetStillGoesAfterWaiting() throws Exception {
        ModelThrottle throttle = new ModelThrottle(2, null, 600, clock::get, fakeSleep);
        ModelThrottle.Slot big = throttle.acquire(900);
        // the budget goes 300 tokens into debt, repaid at 10 tokens/s
        assertEquals(Duration.ofSeconds(30).toNanos(), big.waitedNanos());
        big.release(900);
        assertEquals(Duration.ofSeconds(1).toNanos(), throttle.acquire(10).waitedNanos());
    }

    @Test
    void concurrencyIsCappedAndWaitingIsQueueTime() throws Exception {
        ModelThrottle throttle = new ModelThrottle(1, null, null, System::nanoTime, n -> TimeUnit.NANOSECONDS.sleep(n));
        ModelThrottle.Slot held = throttle.acquire(1);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicLong waited = new AtomicLong();
        Thread second = new Thread(() -> {
            try {
                waiting.countDown();
                ModelThrottle.Slot slot = throttle.acquire(1);
                waited.set(slot.waitedNanos());
                slot.release(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        second.start();
        waiting.await();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.getState() == Thread.State.WAITING);
        assertEquals(0, throttle.availableSlots());
        held.release(1);
        held.release(1); // a second release changes nothing
        second.join(5000);
        assertTrue(waited.get() > 0, "the wait for the slot is queue time");
        assertEquals(1, throttle.availableSlots());
    }
}
