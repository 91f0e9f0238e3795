package io.evalwatch.events;

import java.time.Instant;

/** One unit of work: a task for one model, one sample, one prompt variant. */
public record TaskDispatched(
        int schemaVersion,
        String itemId,
        String runId,
        String suite,
        String suiteVersion,
        String model,
        int sample,
        String variant,
        TaskSpec task,
        String promptHash,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;
}
