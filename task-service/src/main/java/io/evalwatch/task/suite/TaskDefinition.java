package io.evalwatch.task.suite;

import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.work.CodeHole;
import io.evalwatch.events.work.GoldLocation;
import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.events.work.SourceFile;
import java.time.LocalDate;
import java.util.List;

/**
 * One task of a suite as its author wrote it, reference solution included (it travels with the task for scoring's
 * similarity and complexity comparisons, never into a prompt).
 * {@code reviewed} is when a person last checked the task (null: never); it is bookkeeping, not content.
 * {@code environment} is the task's effective environment (its own, else its suite's; null: the plain sandbox). It
 * is not part of the content hash: what an environment resolved to is the run's lock hash, in the stream's segment.
 * {@code memoryMb} is the task's own memory limit (null: the sandbox's default); it is content, as the time limit is.
 * {@code files}, {@code hole}, {@code findings}, {@code gold} and {@code complexity} are what the other kinds add
 * (see {@link TaskSpec}); they are content too.
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
        Integer memoryMb,
        List<SourceFile> files,
        CodeHole hole,
        List<KnownFinding> findings,
        List<GoldLocation> gold,
        int complexity) {

    public TaskDefinition {
        tags = tags == null ? List.of() : List.copyOf(tags);
        tests = tests == null ? List.of() : List.copyOf(tests);
        files = files == null ? List.of() : List.copyOf(files);
        findings = findings == null ? List.of() : List.copyOf(findings);
        gold = gold == null ? List.of() : List.copyOf(gold);
    }

    /** A generation task (or a completion without a hole), as every task was before the other kinds. */
    public TaskDefinition(String id, String category, TaskKind kind, String language, String entryPoint,
            double timeoutSeconds, String prompt, List<TestCase> tests, String reference, List<String> tags,
            LocalDate reviewed, EnvironmentSpec environment, Integer memoryMb) {
        this(id, category, kind, language, entryPoint, timeoutSeconds, prompt, tests, reference, tags, reviewed,
                environment, memoryMb, List.of(), null, List.of(), List.of(), 0);
    }

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
                resolvedEnvironment, memoryMb, reference, files, hole, findings, gold, complexity);
    }

    /** SHA-256 of the task's canonical content; see {@link TaskContent}. */
    public String contentHash() {
        return TaskContent.hash(this);
    }
}
