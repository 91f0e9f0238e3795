package io.evalwatch.generator.latency;

/**
 * The recent stalls of a probe thread that asks to wake at fixed times: for each wake-up, when it was due and when
 * the thread actually ran again. The difference is time this process could not run although it wanted to (waiting
 * for a CPU, or stopped at a safepoint such as a GC pause). A bounded ring: the oldest wake-ups are forgotten, so
 * memory does not grow with the number of items.
 *
 * <p>Host lag of a request is read at its two edges, not summed over its whole wait: a stall while the vendor is
 * still computing delays nothing, but a stall right after the request's clock started (the bytes had not yet left)
 * or right before its first token was stamped (the bytes were waiting to be read) adds to the measured time to
 * first token. See generator-service/README.md, "Host lag".
 *
 * <p>Times are {@link System#nanoTime()} values. One thread records; any thread reads.
 */
public final class StallRecord {

    /** A stall's backlog window is this fraction of its length (see {@link #before}). */
    private static final long BACKLOG_FRACTION = 10;
    static final long MAX_BACKLOG_MILLIS = 500;
    private static final long MAX_BACKLOG_NANOS = MAX_BACKLOG_MILLIS * 1_000_000;

    private final long[] due;
    private final long[] woke;
    private final long edgeNanos;
    private long count;

    /**
     * @param capacity wake-ups remembered
     * @param edgeNanos how far from an edge a stall still counts (the probe's period: a stall that ended less than
     *        one period before the stamp may have held the reading thread too)
     */
    public StallRecord(int capacity, long edgeNanos) {
        if (capacity < 2 || edgeNanos < 0) {
            throw new IllegalArgumentException("capacity >= 2 and edgeNanos >= 0 required");
        }
        this.due = new long[capacity];
        this.woke = new long[capacity];
        this.edgeNanos = edgeNanos;
    }

    /** One wake-up of the probe: it asked to run at dueNanos and ran at wokeNanos (wake-ups in time order). */
    public synchronized void record(long dueNanos, long wokeNanos) {
        int i = (int) (count % due.length);
        due[i] = dueNanos;
        woke[i] = Math.max(dueNanos, wokeNanos);
        count++;
    }

    /**
     * The host lag of one request: the stall in progress just after {@code startNanos} (counted from the start on)
     * plus the stall in progress just before {@code firstNanos} (counted up to that stamp). 0 when the probe ran on
     * time around both; null when the record no longer (or does not yet) reach back to the start, i.e. when
     * nothing was measured.
     */
    public Long lagOf(long startNanos, long firstNanos) {
        return lagOf(startNanos, firstNanos, Long.MIN_VALUE, Long.MIN_VALUE);
    }

    /**
     * As {@link #lagOf(long, long)}, with the probe's wake-up that is due but not yet recorded: after a stall the
     * thread asking may run before the probe does (both became runnable at once), so the stall is not in the record
     * yet. A probe due at {@code pendingDueNanos} that has not run by {@code nowNanos}, more than a period late, is a
     * stall in progress; it counts as if it ended now, which may take off more than the request suffered, never less.
     */
    public synchronized Long lagOf(long startNanos, long firstNanos, long pendingDueNanos, long nowNanos) {
        if (count == 0 || firstNanos < startNanos) {
            return null;
        }
        long oldest = count > due.length ? count - due.length : 0;
        if (due[index(oldest)] > startNanos) {
            return null;
        }
        long after = after(startNanos, oldest);
        long before = before(firstNanos, oldest);
        boolean pending = pendingDueNanos > due[index(count - 1)] && nowNanos - pendingDueNanos > edgeNanos;
        if (pending) {
            if (pendingDueNanos <= startNanos + edgeNanos) {
                after = Math.max(after, nowNanos - Math.max(pendingDueNanos, startNanos));
            }
            if (pendingDueNanos <= firstNanos) {
                before = Math.max(before, Math.min(nowNanos, firstNanos) - pendingDueNanos);
            }
        }
        // one stall may reach both edges of a short window: never more lag than the window itself
        return Math.min(firstNanos - startNanos, after + before);
    }

    /** The longest part of a stall that lies in [t, t + edge] and later, counted from t: delay in getting going. */
    private long after(long t, long oldest) {
        long best = 0;
        for (long k = firstEndingAtOrAfter(t, oldest); k < count; k++) {
            int i = index(k);
            if (due[i] > t + edgeNanos) {
                break;
            }
            best = Math.max(best, woke[i] - Math.max(due[i], t));
        }
        return best;
    }

    /**
     * The longest part of a stall that ended shortly before t, counted up to t: delay in noticing. "Shortly" is one
     * probe period, or a tenth of the stall when that is longer (at most {@value #MAX_BACKLOG_MILLIS} ms): after a
     * long stall every thread of the process that fell due during it is runnable at once, and the one that reads
     * the stream may run tens of milliseconds after the probe did (seen after a 1.5 s stop: 10 to 25 ms).
     */
    private long before(long t, long oldest) {
        long best = 0;
        for (long k = firstEndingAtOrAfter(t - Math.max(edgeNanos, MAX_BACKLOG_NANOS), oldest); k < count; k++) {
            int i = index(k);
            if (due[i] > t) {
                break;
            }
            long stall = woke[i] - due[i];
            long window = Math.max(edgeNanos, Math.min(MAX_BACKLOG_NANOS, stall / BACKLOG_FRACTION));
            if (woke[i] < t - window) {
                continue;
            }
            best = Math.max(best, Math.min(woke[i], t) - due[i]);
        }
        return best;
    }

    /** The first remembered wake-up whose stall ends at or after t (wake times only increase): binary search. */
    private long firstEndingAtOrAfter(long t, long oldest) {
        long lo = oldest;
        long hi = count;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (woke[index(mid)] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int index(long k) {
        return (int) (k % due.length);
    }
}
