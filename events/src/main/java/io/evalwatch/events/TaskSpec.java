package io.evalwatch.events;

import java.util.List;

/**
 * A task as it travels with every item: all a downstream stage needs to prompt, execute and score it, so no
 * stage has to call back into task-service. environment is null for the plain sandbox; memoryMb is the task's own
 * memory limit, null for the sandbox's default. reference is the author's solution (null when the task has none):
 * scoring compares answers with it (similarity, complexity) but never judges correctness by it, and no prompt
 * template can reach it (the generator renders only the placeholders it names).
 */
public record TaskSpec(
        String id,
        String category,
        TaskKind kind,
        String language,
        String prompt,
        String entryPoint,
        List<TestCase> tests,
        double timeoutSeconds,
        List<String> tags,
        EnvironmentRef environment,
        Integer memoryMb,
        String reference) {

    public TaskSpec {
        tests = tests == null ? List.of() : List.copyOf(tests);
        tags = tags == null ? List.of() : List.copyOf(tags);
        kind = kind == null ? TaskKind.GENERATION : kind;
    }

    /** A task of the plain sandbox: no environment beyond the language's own library. */
    public TaskSpec(String id, String category, TaskKind kind, String language, String prompt, String entryPoint,
            List<TestCase> tests, double timeoutSeconds, List<String> tags) {
        this(id, category, kind, language, prompt, entryPoint, tests, timeoutSeconds, tags, null, null);
    }

    /** A task without a reference solution to compare answers with. */
    public TaskSpec(String id, String category, TaskKind kind, String language, String prompt, String entryPoint,
            List<TestCase> tests, double timeoutSeconds, List<String> tags, EnvironmentRef environment,
            Integer memoryMb) {
        this(id, category, kind, language, prompt, entryPoint, tests, timeoutSeconds, tags, environment, memoryMb,
                null);
    }

    /** A task with the sandbox's default memory limit. */
    public TaskSpec(String id, String category, TaskKind kind, String language, String prompt, String entryPoint,
            List<TestCase> tests, double timeoutSeconds, List<String> tags, EnvironmentRef environment) {
        this(id, category, kind, language, prompt, entryPoint, tests, timeoutSeconds, tags, environment, null);
    }

    public boolean executable() {
        return kind.executable();
    }
}
