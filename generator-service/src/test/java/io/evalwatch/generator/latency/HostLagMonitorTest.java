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
            long end = System.nanoTime();
            Double lag = monitor.lagSeconds(start, end);
            assertNotNull(lag);
            // stalls are counted only inside the window, however loaded the machine is
            assertTrue(lag >= 0 && lag <= (end - start) / 1e9 + 1e-3, "lag " + lag + " in " + (end - start) + " ns");
            assertNull(monitor.lagSeconds(before, System.nanoTime()), "the window began before the probe");
        } finally {
            monitor.stop();
        }
        assertNull(monitor.lagSeconds(before, System.nanoTime()), "stopped");
    }
}
