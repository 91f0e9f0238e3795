package io.evalwatch.sandbox.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.sandbox.isolation.HarnessRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records out of protocol order are dropped and counted: code that writes to the channel cannot add results. */
class TranscriptTest {

    private static HarnessRecord record(String e, Integer i, Boolean ok, String status) {
        return new HarnessRecord(e, i, ok, null, null, null, status, 0.0, null, null, null, null, null, null, null, null,
                null);
    }

    @Test
    void aWellFormedTranscriptHasNoViolations() {
        Transcript t = Transcript.read(List.of(record("hello", null, null, null), record("load", null, true, null),
                record("start", 0, null, null), record("result", 0, null, "passed"), record("done", null, null, null),
                record("end", null, null, null)), 1);
        assertEquals(0, t.violations());
        assertTrue(t.done());
        assertEquals(1, t.results().size());
    }

    @Test
    void forgedResultsAreDropped() {
        Transcript t = Transcript.read(List.of(record("hello", null, null, null), record("load", null, true, null),
                record("result", 0, null, "passed"), // no start
                record("start", 1, null, null), // out of order
                record("start", 0, null, null), record("result", 1, null, "passed"), // wrong index
                record("result", 0, null, "ok"), // unknown status
                record("load", null, true, null), // second load
                record("done", null, null, null)), 2); // done before all results
        assertEquals(0, t.results().size());
        assertEquals(Integer.valueOf(0), t.running());
        assertEquals(6, t.violations());
        assertFalse(t.done());
    }
}
