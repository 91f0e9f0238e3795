package io.evalwatch.generator.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Host lag arithmetic on scripted probe wake-ups (5 ms period, times in ms). */
class StallRecordTest {

    private static final long MS = 1_000_000;
    private static final long US = 1_000;

    /** A probe that woke on time every 5 ms from 0 to until (exclusive), except for the given stalls. */
    private static StallRecord probe(int capacity, long untilMs, long[]... stalls) {
        StallRecord record = new StallRecord(capacity, 5 * MS);
        long due = 0;
        while (due < untilMs * MS) {
            long woke = due;
            for (long[] stall : stalls) {
                if (stall[0] * MS == due) {
                    woke = due + stall[1] * MS;
                }
            }
            record.record(due, woke);
            due = woke + 5 * MS;
        }
        return record;
    }

    @Test
    void aProbeThatAlwaysRanOnTimeGivesNoLag() {
        assertEquals(0L, probe(1024, 1000).lagOf(100 * MS, 300 * MS));
    }

    @Test
    void aStallWhileTheVendorWasStillComputingDelaysNothing() {
        // a 40 ms stall (a GC pause, say) from 150 ms, long before the first token at 300 ms and after the start
        assertEquals(0L, probe(1024, 1000, new long[] {150, 40}).lagOf(100 * MS, 300 * MS));
    }

    @Test
    void aStallRightBeforeTheFirstTokenCountsUpToItsStamp() {
        // the probe was due at 290 ms and ran at 310 ms; the first token was stamped at 302 ms: held 12 ms at most
        assertEquals(12 * MS, probe(1024, 1000, new long[] {290, 20}).lagOf(100 * MS, 302 * MS));
        // stamped just after the stall ended: the whole stall may have held the reading thread
        assertEquals(20 * MS, probe(1024, 1000, new long[] {290, 20}).lagOf(100 * MS, 311 * MS));
    }

    @Test
    void aStallThatEndedMoreThanOnePeriodBeforeTheStampDoesNotCount() {
        // stall 250..270 ms; the probe then ran on time at 275, 280, ...; first token at 290 ms
        assertEquals(0L, probe(1024, 1000, new long[] {250, 20}).lagOf(100 * MS, 290 * MS));
    }

    @Test
    void aLongStallHoldsTheReaderForATenthOfItsLengthAfterIt() {
        // the process stopped 500..2000 ms (SIGSTOP, a long GC pause); the first token, due at 1500, was stamped at
        // 2020 ms, once the reading thread got a core after the backlog: the stop held it
        assertEquals(1500 * MS, probe(4096, 3000, new long[] {500, 1500}).lagOf(400 * MS, 2020 * MS));
        // past a tenth of the stall (150 ms) the reading was not the stall's doing
        assertEquals(0L, probe(4096, 3000, new long[] {500, 1500}).lagOf(400 * MS, 2200 * MS));
    }

    @Test
    void aStallRightAfterTheStartCountsFromTheStart() {
        // due 100 ms, ran 130 ms; the clock started at 103 ms: the request left up to 27 ms late
        assertEquals(27 * MS, probe(1024, 1000, new long[] {100, 30}).lagOf(103 * MS, 400 * MS));
    }

    @Test
    void bothEdgesAddUp() {
        assertEquals(27 * MS + 12 * MS,
                probe(1024, 1000, new long[] {100, 30}, new long[] {290, 20}).lagOf(103 * MS, 302 * MS));
    }

    @Test
    void theLongestStallAtAnEdgeCountsNotTheirSum() {
        // a busy host: every wake-up 2 ms late; at most one wake-up's delay holds a stamp
        StallRecord record = new StallRecord(1024, 5 * MS);
        long due = 0;
        for (int i = 0; i < 200; i++) {
            record.record(due, due + 2 * MS + (i % 2) * 500 * US);
            due += 7 * MS + (i % 2) * 500 * US;
        }
        long lag = record.lagOf(300 * MS, 600 * MS);
        assertTrue(lag >= 4 * MS && lag <= 5 * MS, "lag " + lag);
    }

    @Test
    void nothingIsKnownBeforeTheProbeStartedOrOnceTheRingHasMovedOn() {
        StallRecord empty = new StallRecord(16, 5 * MS);
        assertNull(empty.lagOf(0, 10 * MS));
        // 16 wake-ups remembered: 80 ms of history up to 1000 ms
        StallRecord record = probe(16, 1000);
        assertNull(record.lagOf(800 * MS, 990 * MS));
        assertEquals(0L, record.lagOf(930 * MS, 990 * MS));
    }

    @Test
    void aFirstTokenBeforeTheStartIsNotMeasured() {
        assertNull(probe(1024, 1000).lagOf(300 * MS, 200 * MS));
    }

    @Test
    void aStallTheProbeHasNotRecordedYetCountsUpToTheStamp() {
        // the process stopped at 500 ms; after it went on, the reader stamped the first token at 2,020 ms and asked
        // at 2,030 ms, before the probe (due at 500 ms) had run again: the record alone knows of no stall
        StallRecord record = probe(1024, 500);
        assertEquals(0L, record.lagOf(400 * MS, 2020 * MS));
        assertEquals(1520 * MS, record.lagOf(400 * MS, 2020 * MS, 500 * MS, 2030 * MS));
        // the stall in progress since before the start delayed the start too; never more than the window
        assertEquals(1620 * MS, record.lagOf(498 * MS, 2118 * MS, 500 * MS, 2120 * MS));
    }

    @Test
    void aProbeNoMoreThanAPeriodLateIsNoStall() {
        assertEquals(0L, probe(1024, 500).lagOf(400 * MS, 502 * MS, 500 * MS, 504 * MS));
    }

    @Test
    void aWakeUpAlreadyRecordedIsNotTakenForAPendingOne() {
        // the reader read the probe's due time (500 ms) just before the probe recorded its late wake-up at 900 ms
        StallRecord record = probe(1024, 500);
        record.record(500 * MS, 900 * MS);
        assertEquals(record.lagOf(400 * MS, 905 * MS), record.lagOf(400 * MS, 905 * MS, 500 * MS, 2000 * MS));
        assertEquals(400 * MS, record.lagOf(400 * MS, 905 * MS, 500 * MS, 2000 * MS));
    }
}
