package io.evalwatch.task.suite;

import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import java.time.LocalDate;
import java.util.List;

/**
 * One task of a suite as its author wrote it, reference solution included (it travels with the task for scoring's
 * similarity and complexity comparisons, never into a prompt).
 * {@code reviewed} is when a person last checked the task (null: never); it is bookkeeping, not content.
 * {@code environment} is the task's effective environment (its own, else its suite's; null: the plain sandbox). It
 * is not part of the content hash: what an environment resolved to is the run's lock hash, in the stream's segment.
 * {@code memoryMb} is the task's own memory limit (null: the sandbox's default); it is content, as the time limit is.
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
        LocalDate reviewed,
        EnvironmentSpec environment,
        Integer memoryMb) {

    public TaskDefinition(String id, String category, TaskKind kind, String language, String entryPoint,
            double timeoutSeconds, String prompt, List<TestCase> tests, String reference, List<String> tags,
            LocalDate reviewed) {
        this(id, category, kind, language, entryPoint, timeoutSeconds, prompt, tests, reference, tags, reviewed,
                null, null);
    }

    public TaskDefinition(String id, String category, TaskKind kind, String language, String entryPoint,
            double timeoutSeconds, String prompt, List<TestCase> tests, String reference, List<String> tags,
            LocalDate reviewed, EnvironmentSpec environment) {
        this(id, category, kind, language, entryPoint, timeoutSeconds, prompt, tests, reference, tags, reviewed,
                environment, null);
    }

    /**
     * The task as it travels in events: with the environment the run resolved its
     * declaration to (null when it declares none).
     */
    public TaskSpec toSpec(EnvironmentRef resolvedEnvironment) {
        return new TaskSpec(id, category, kind, language, prompt, entryPoint, tests, timeoutSeconds, tags,
                resolvedEnvironment, memoryMb, reference);
    }

    /** SHA-256 of the task's canonical content; see {@link TaskContent}. */
    public String contentHash() {
        return TaskContent.hash(this);
    }
}
