package io.evalwatch.events;

import java.time.Instant;

/**
 * A model answered (or finally failed to). Carries the task forward so the sandbox and the scorer need nothing
 * else. {@code code} is what was extracted from {@code output}; {@code codeFormat} says how it was found.
 */
public record GenerationCompleted(
        int schemaVersion,
        String itemId,
        String runId,
        String suite,
        String suiteVersion,
        String model,
        int sample,
        String variant,
        TaskSpec task,
        String output,
        String code,
        String codeFormat,
        Timings timings,
        Usage usage,
        double costUsd,
        Provenance provenance,
        GenerationError error,
        int attempts,
        Instant dispatchedAt,
        Instant occurredAt) implements ItemEvent {

    public static final int SCHEMA_VERSION = 1;

    /** Executable tasks whose generation produced an answer go to the sandbox; everything else goes straight to scoring. */
    public boolean needsExecution() {
        return error == null && task != null && task.executable();
    }
}
