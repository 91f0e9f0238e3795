package io.evalwatch.generator.latency;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Watches this process's own ability to run on time: a platform thread that asks to wake every
 * {@value #PERIOD_MILLIS} ms and records how late it actually ran. Being a Java thread it is also held at every
 * safepoint, so garbage-collector pauses show up as stalls just like CPU contention from other processes. The
 * stalls around a request's edges are its host lag (see {@link StallRecord}).
 */
@ApplicationScoped
public class HostLagMonitor implements HostLag {

    private static final Logger LOG = Logger.getLogger(HostLagMonitor.class);
    static final long PERIOD_MILLIS = 5;
    private static final long PERIOD_NANOS = PERIOD_MILLIS * 1_000_000;
    /** 2^15 wake-ups: about 160 s of history at 5 ms, two long arrays of 256 KiB. */
    private static final int CAPACITY = 1 << 15;

    private final StallRecord stalls = new StallRecord(CAPACITY, PERIOD_NANOS);
    private volatile Thread probe;
    /** When the probe is next due to run: a reader that finds it well past this sees a stall not yet recorded. */
    private volatile long due;

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        if (probe != null) {
            return;
        }
        Thread thread = new Thread(this::run, "host-lag-probe");
        thread.setDaemon(true);
        probe = thread;
        thread.start();
        LOG.debugf("host lag probe started: a wake-up every %d ms", PERIOD_MILLIS);
    }

    synchronized void stop() {
        Thread thread = probe;
        probe = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        Thread self = Thread.currentThread();
        due = System.nanoTime() + PERIOD_NANOS;
        while (probe == self && !self.isInterrupted()) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue; // parkNanos may return early; park again until due
            }
            long woke = System.nanoTime();
            stalls.record(due, woke);
            due = woke + PERIOD_NANOS;
        }
    }

    @Override
    public Double lagSeconds(long startNanos, long firstNanos) {
        if (probe == null) {
            return null;
        }
        // the due time first: a wake-up recorded after this read is in the record, not taken for a pending one
        long pendingDue = due;
        Long nanos = stalls.lagOf(startNanos, firstNanos, pendingDue, System.nanoTime());
        return nanos == null ? null : nanos / 1e9;
    }
}
