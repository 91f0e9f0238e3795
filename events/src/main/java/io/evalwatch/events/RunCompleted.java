package io.evalwatch.events;

import java.time.Instant;

/**
 * A run has ended: every expected item scored (errored items included), or, when {@code incomplete}, the run stalled
 * past its deadline with {@code missingItems} expected items never seen. An incomplete run is never judged for
 * drift; its end only frees whatever waits for it (a monitor's next run).
 */
public record RunCompleted(
        int schemaVersion,
        String runId,
        String suite,
        String suiteVersion,
        int expectedItems,
        int scoredItems,
        int erroredItems,
        Instant occurredAt,
        boolean incomplete,
        int missingItems) implements AlertEvent {

    public static final int SCHEMA_VERSION = 1;

    /** A run whose every expected item arrived. */
    public RunCompleted(int schemaVersion, String runId, String suite, String suiteVersion, int expectedItems,
            int scoredItems, int erroredItems, Instant occurredAt) {
        this(schemaVersion, runId, suite, suiteVersion, expectedItems, scoredItems, erroredItems, occurredAt, false,
                0);
    }
}
