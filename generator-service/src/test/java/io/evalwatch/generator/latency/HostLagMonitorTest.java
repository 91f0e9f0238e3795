package io.evalwatch.generator.latency;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostLagMonitorTest {

    @Test
    void measuresOnlyWhileItsProbeRunsAndOnlyWindowsThatStartAfterItStarted() throws InterruptedException {
        HostLagMonitor monitor = new HostLagMonitor();
        long before = System.nanoTime();
        assertNull(monitor.lagSeconds(before, System.nanoTime()), "not started");
        monitor.start();
        try {
            Thread.sleep(30);
            long start = System.nanoTime();
            Thread.sleep(30);
            Double lag = monitor.lagSeconds(start, System.nanoTime());
            assertNotNull(lag);
            assertTrue(lag >= 0 && lag < 0.060, "lag " + lag);
            assertNull(monitor.lagSeconds(before, System.nanoTime()), "the window began before the probe");
        } finally {
            monitor.stop();
        }
        assertNull(monitor.lagSeconds(before, System.nanoTime()), "stopped");
    }
}
