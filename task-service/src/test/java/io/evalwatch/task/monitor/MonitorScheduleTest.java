package io.evalwatch.task.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catch-up decision is a pure function of the cron, the last handled time and now: no Quarkus needed. */
class MonitorScheduleTest {

    private static final MonitorSchedule WEEKLY = MonitorSchedule.parse(Monitor.DEFAULT_CRON);
    // Wednesday 2025-06-11 10:00 UTC; the Mondays before it are 06-09 and 06-02
    private static final ZonedDateTime NOW = ZonedDateTime.of(2025, 6, 11, 10, 0, 0, 0, ZoneOffset.UTC);
    private static final Instant MONDAY = Instant.parse("2025-06-09T06:00:00Z");

    @Test
    void aMonitorThatFiredAtItsLastScheduledTimeHasNothingToMakeUp() {
        assertEquals(Optional.empty(), WEEKLY.missedSlot(MONDAY.plusMillis(300), true, NOW));
        assertEquals(Optional.empty(), WEEKLY.missedSlot(MONDAY, true, NOW));
    }

    @Test
    void aScheduleMissedWhileDownIsMadeUpOnceForTheLatestScheduledTime() {
        Instant threeWeeksAgo = Instant.parse("2025-05-19T06:00:01Z");

        assertEquals(Optional.of(MONDAY), WEEKLY.missedSlot(threeWeeksAgo, true, NOW));
        // catch_up only concerns monitors that never fired: a missed schedule is always made up
        assertEquals(Optional.of(MONDAY), WEEKLY.missedSlot(threeWeeksAgo, false, NOW));
    }

    @Test
    void aFireByHandAfterTheScheduledTimeCountsAsHavingRun() {
        assertEquals(Optional.empty(), WEEKLY.missedSlot(Instant.parse("2025-06-10T12:00:00Z"), true, NOW));
    }

    @Test
    void aMonitorThatNeverFiredRunsAtStartOnlyWhenCatchUpSaysSo() {
        assertEquals(Optional.of(MONDAY), WEEKLY.missedSlot(null, true, NOW));
        assertEquals(Optional.empty(), WEEKLY.missedSlot(null, false, NOW));
    }

    @Test
    void aCronWithoutAPastScheduledTimeNeverCatchesUp() {
        MonitorSchedule future = MonitorSchedule.parse("0 0 0 1 1 ? 2099");

        assertEquals(Optional.empty(), future.missedSlot(null, true, NOW));
        assertEquals(Optional.empty(), future.missedSlot(Instant.EPOCH, true, NOW));
        assertEquals(Instant.parse("2099-01-01T00:00:00Z"), future.next(NOW).orElseThrow().toInstant());
    }

    @Test
    void theScheduleIsReadInTheZoneOfNow() {
        ZonedDateTime berlin = NOW.withZoneSameInstant(java.time.ZoneId.of("Europe/Berlin"));

        assertEquals(Optional.of(Instant.parse("2025-06-09T04:00:00Z")), WEEKLY.missedSlot(null, true, berlin));
    }

    @Test
    void aBadCronSaysWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonitorSchedule.parse("0 6 * * MON"));
        assertTrue(e.getMessage().contains("'0 6 * * MON' is not a Quartz cron expression"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MonitorSchedule.parse("0 0 6 * * MON"));
        assertThrows(IllegalArgumentException.class, () -> MonitorSchedule.parse(" "));
    }
}
