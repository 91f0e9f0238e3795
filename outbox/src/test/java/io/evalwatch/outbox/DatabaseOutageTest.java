package io.evalwatch.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A lost database connection is waited out, a record that cannot be stored is not, and waiting has an end. */
class DatabaseOutageTest {

    private final List<Duration> pauses = new ArrayList<>();
    private long now;
    private final DatabaseOutage outage = new DatabaseOutage(d -> {
        pauses.add(d);
        now += d.toNanos();
    }, () -> now);

    @Test
    void aWriteIsTriedAgainWhileTheDatabaseCannotBeReached() {
        AtomicInteger attempts = new AtomicInteger();
        outage.write("item x", () -> {
            if (attempts.incrementAndGet() <= 3) {
                throw wrapped(new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
            }
        });
        assertEquals(4, attempts.get());
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)), pauses);
    }

    @Test
    void aRecordThatCannotBeStoredFailsAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException duplicate = wrapped(new SQLException("duplicate key value", "23505"));
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> outage.write("item x", () -> {
            attempts.incrementAndGet();
            throw duplicate;
        }));
        assertSame(duplicate, thrown);
        assertEquals(1, attempts.get());
        assertEquals(List.of(), pauses);
    }

    @Test
    void anOutageLongerThanTheLimitFailsTheWriteWithItsLastError() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(RuntimeException.class, () -> outage.write("item x", () -> {
            attempts.incrementAndGet();
            throw wrapped(new SQLException("the database system is shutting down", "57P03"));
        }));
        Duration waited = pauses.stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(waited.compareTo(DatabaseOutage.GIVE_UP_AFTER) <= 0, "waited " + waited);
        assertTrue(waited.compareTo(DatabaseOutage.GIVE_UP_AFTER.minusSeconds(5)) >= 0, "waited " + waited);
        assertEquals(Duration.ofSeconds(5), pauses.get(pauses.size() - 1), "pauses grow to 5 s");
        assertEquals(pauses.size() + 1, attempts.get());
    }

    @Test
    void lostConnectionsAreToldFromOtherFailures() {
        assertTrue(DatabaseOutage.isLostConnection(wrapped(new SQLException("I/O error", "08006"))));
        assertTrue(DatabaseOutage.isLostConnection(new SQLException("terminating connection due to administrator"
                + " command", "57P01")));
        assertTrue(DatabaseOutage.isLostConnection(wrapped(new SQLTransientConnectionException("no connection"))));
        assertFalse(DatabaseOutage.isLostConnection(wrapped(new SQLException("value too long", "22001"))));
        assertFalse(DatabaseOutage.isLostConnection(new SQLException("no state")));
        assertFalse(DatabaseOutage.isLostConnection(new IllegalStateException("not a database failure")));
    }

    @Test
    void aConnectionLostDuringTheCommitIsAnOutage() {
        // as Narayana reports it: RollbackException, the driver's error the cause of a suppressed XAException
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        RuntimeException failure = new RuntimeException("Error invoking subclass method", rollback);
        assertTrue(DatabaseOutage.isLostConnection(failure));

        Exception other = new Exception("ARJUNA016053: Could not commit transaction.");
        other.addSuppressed(new Exception("constraint", new SQLException("duplicate key value", "23505")));
        assertFalse(DatabaseOutage.isLostConnection(new RuntimeException(other)));
    }

    /** As Hibernate and the transaction manager hand it on: the SQLException a few causes down. */
    private static RuntimeException wrapped(SQLException e) {
        return new IllegalStateException("transaction rolled back", new RuntimeException("could not execute", e));
    }
}
