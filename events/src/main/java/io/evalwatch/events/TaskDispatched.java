package io.evalwatch.events;

import java.time.Instant;
import java.util.List;

/**
 * One unit of work: a task for one model, one sample, one prompt variant ({@link PromptVariant}). {@code judge} is the
 * run's LLM judge (null when the suite declares none): generator-service asks it to grade the answer after the
 * generation. {@code examples} are the solved tasks a few-shot item shows before its own (empty for other variants).
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
        JudgeSpec judge,
        List<FewShotExample> examples) implements ItemEvent {

    public static final int SCHEMA_VERSION = 1;

    public TaskDispatched {
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** An item without few-shot examples. */
    public TaskDispatched(int schemaVersion, String itemId, String runId, String suite, String suiteVersion,
            String model, int sample, String variant, TaskSpec task, String promptHash, Instant occurredAt,
            JudgeSpec judge) {
        this(schemaVersion, itemId, runId, suite, suiteVersion, model, sample, variant, task, promptHash, occurredAt,
                judge, List.of());
    }

    /** An item without a judge. */
    public TaskDispatched(int schemaVersion, String itemId, String runId, String suite, String suiteVersion,
            String model, int sample, String variant, TaskSpec task, String promptHash, Instant occurredAt) {
        this(schemaVersion, itemId, runId, suite, suiteVersion, model, sample, variant, task, promptHash, occurredAt,
                null);
    }
}
