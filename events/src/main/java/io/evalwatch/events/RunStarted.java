package io.evalwatch.events;

import java.time.Instant;
import java.util.List;

/**
 * A run was accepted: reporting learns how many items to expect before it can call the run complete. trigger is
 * manual, schedule or gate; monitor names the scheduled monitor that started it (null otherwise).
 */
public record RunStarted(
        int schemaVersion,
        String runId,
        String suite,
        String suiteVersion,
        List<String> models,
        int samples,
        int expectedItems,
        String trigger,
        String monitor,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;
}
