package io.evalwatch.events;

import java.time.Instant;

/**
 * One unit of work: a task for one model, one sample, one prompt variant. {@code judge} is the run's LLM judge
 * (null when the suite declares none): generator-service asks it to grade the answer after the generation.
 */
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
        Instant occurredAt,
        JudgeSpec judge) implements ItemEvent {

    public static final int SCHEMA_VERSION = 1;

    /** An item without a judge. */
    public TaskDispatched(int schemaVersion, String itemId, String runId, String suite, String suiteVersion,
            String model, int sample, String variant, TaskSpec task, String promptHash, Instant occurredAt) {
        this(schemaVersion, itemId, runId, suite, suiteVersion, model, sample, variant, task, promptHash, occurredAt,
                null);
    }
}
