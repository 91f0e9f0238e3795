package io.evalwatch.events;

import java.time.Instant;

/** Every expected item of a run has been scored (errored items included). */
public record RunCompleted(
        int schemaVersion,
        String runId,
        String suite,
        String suiteVersion,
        int expectedItems,
        int scoredItems,
        int erroredItems,
        Instant occurredAt) implements AlertEvent {

    public static final int SCHEMA_VERSION = 1;
}
