package io.evalwatch.outbox;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Waits out a database that cannot be reached (restarted, failed over, connections dropped) instead of failing the
 * record, for consumers whose effect is a database write (reporting-service's pipeline and progress counters,
 * task-service's run completions): a record whose write failed goes to its dead-letter topic (or, for the progress
 * counters, is skipped), and there the dead letter's own write fails the same way and is dropped, so an outage of a
 * few seconds would lose every item in flight. A write is tried again, with a growing pause, while the failure is a
 * lost connection and for at most {@link #GIVE_UP_AFTER}; any other failure (the record itself cannot be stored)
 * propagates at once.
 */
public final class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    /** Well below the consumer's max.poll.interval.ms (5 min), so waiting never costs the partition. */
    public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    /** The pause between attempts; a test passes one that does not sleep. */
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Pause pause;
    private final LongSupplier nanoClock;

    public DatabaseOutage() {
        this(d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }

    public DatabaseOutage(Pause pause, LongSupplier nanoClock) {
        this.pause = pause;
        this.nanoClock = nanoClock;
    }

    /** Runs the write (its own transaction), again while the database cannot be reached. */
    public void write(String what, Runnable write) {
        long giveUpAt = nanoClock.getAsLong() + GIVE_UP_AFTER.toNanos();
        Duration next = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                if (attempt > 1) {
                    LOG.infof("%s stored after %d attempts: the database is back", what, attempt);
                }
                return;
            } catch (RuntimeException e) {
                Throwable lost = lostConnection(e);
                if (lost == null || nanoClock.getAsLong() + next.toNanos() > giveUpAt) {
                    throw e;
                }
                LOG.warnf("%s: the database cannot be reached (%s); trying again in %d ms", what, lost.getMessage(),
                        next.toMillis());
                try {
                    pause.sleep(next);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                next = next.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next.multipliedBy(2);
            }
        }
    }

    /**
     * Whether the failure (or a cause) says the connection was lost or could not be made: SQLSTATE class 08
     * (connection exception) or 57P01..57P03 (the server shutting down or starting), or the JDBC types for it.
     */
    public static boolean isLostConnection(Throwable failure) {
        return lostConnection(failure) != null;
    }

    /**
     * The failure, cause or suppressed exception that says so, or null. Suppressed ones count: a connection lost
     * during the commit reaches us as the transaction manager's RollbackException, with the driver's error only as
     * the cause of an XAException suppressed in it. Retrying then is safe: every write here is idempotent (an item
     * already stored is not counted again).
     */
    private static Throwable lostConnection(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty()) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return t;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return t;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return null;
    }
}
