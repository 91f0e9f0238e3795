package io.evalwatch.sandbox.isolation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a run's stdout and stderr to the end so the code never blocks on a full pipe (or takes them as a fork
 * server relays them): keeps the first bytes, counts all of them, and calls the kill action once when the count
 * passes the kill threshold.
 */
final class OutputCapture implements Runnable {

    private final InputStream stream;
    private final int keep;
    private final long killAfter;
    private final Runnable kill;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile long total;
    private volatile boolean exceeded;

    OutputCapture(InputStream stream, int keep, long killAfter, Runnable kill) {
        this.stream = stream;
        this.keep = keep;
        this.killAfter = killAfter;
        this.kill = kill;
    }

    /** Without a stream: the bytes arrive through {@link #accept} (a fork server's output frames). */
    OutputCapture(int keep, long killAfter, Runnable kill) {
        this(null, keep, killAfter, kill);
    }

    @Override
    public void run() {
        byte[] buffer = new byte[16384];
        try (InputStream in = stream) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                accept(buffer, 0, n);
            }
        } catch (IOException closed) {
            // the process is gone: what was read is all there is
        }
    }

    void accept(byte[] buffer, int offset, int n) {
        synchronized (kept) {
            int room = keep - kept.size();
            if (room > 0) {
                kept.write(buffer, offset, Math.min(room, n));
            }
        }
        total += n;
        if (total > killAfter && !exceeded) {
            exceeded = true;
            kill.run();
        }
    }

    long total() {
        return total;
    }

    boolean truncated() {
        return total > keep;
    }

    boolean exceeded() {
        return exceeded;
    }

    String kept() {
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
