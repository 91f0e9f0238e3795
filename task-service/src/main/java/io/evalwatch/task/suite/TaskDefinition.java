package io.evalwatch.task.suite;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import java.time.LocalDate;
import java.util.List;

/**
 * One task of a suite as its author wrote it, reference solution included (which never leaves task-service).
 * {@code reviewed} is when a person last checked the task (null: never); it is bookkeeping, not content.
 */
public record TaskDefinition(
        String id,
        String category,
        TaskKind kind,
        String language,
        String entryPoint,
        double timeoutSeconds,
        String prompt,
        List<TestCase> tests,
        String reference,
        List<String> tags,
        LocalDate reviewed) {

    /** The task as it travels in events: without the reference. */
    public TaskSpec toSpec() {
        return new TaskSpec(id, category, kind, language, prompt, entryPoint, tests, timeoutSeconds, tags);
    }

    /** SHA-256 of the task's canonical content; see {@link TaskContent}. */
    public String contentHash() {
        return TaskContent.hash(this);
    }
}
