package io.evalwatch.events;

import io.evalwatch.events.work.CodeHole;
import io.evalwatch.events.work.CompletedFile;
import io.evalwatch.events.work.GoldLocation;
import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.events.work.SourceFile;
import java.util.List;

/**
 * A task as it travels with every item: all a downstream stage needs to prompt, execute and score it, so no
 * stage has to call back into task-service. environment is null for the plain sandbox; memoryMb is the task's own
 * memory limit, null for the sandbox's default. reference is the author's solution (null when the task has none):
 * scoring compares answers with it (similarity, complexity) but never judges correctness by it, and no prompt
 * template can reach it (the generator renders only the placeholders it names).
 *
 * <p>What the other kinds add: {@code files} are the files the model is shown (a completion's context files, the
 * code under review, a search corpus); {@code hole} is a completion's file with a hole (its reference is the
 * middle); {@code findings} are a review's known findings; {@code gold} a search's gold locations, best first.
 * {@code complexity} is the author's level, 1 (basic) to 3 (advanced), 0 when not given.
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
        String reference,
        List<SourceFile> files,
        CodeHole hole,
        List<KnownFinding> findings,
        List<GoldLocation> gold,
        int complexity) {

    public TaskSpec {
        tests = tests == null ? List.of() : List.copyOf(tests);
        tags = tags == null ? List.of() : List.copyOf(tags);
        kind = kind == null ? TaskKind.GENERATION : kind;
        files = files == null ? List.of() : List.copyOf(files);
        findings = findings == null ? List.of() : List.copyOf(findings);
        gold = gold == null ? List.of() : List.copyOf(gold);
    }

    /** A task of one of the executable kinds' plain form: no files shown, no hole, findings or gold. */
    public TaskSpec(String id, String category, TaskKind kind, String language, String prompt, String entryPoint,
            List<TestCase> tests, double timeoutSeconds, List<String> tags, EnvironmentRef environment,
            Integer memoryMb, String reference) {
        this(id, category, kind, language, prompt, entryPoint, tests, timeoutSeconds, tags, environment, memoryMb,
                reference, List.of(), null, List.of(), List.of(), 0);
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

    /**
     * The code the sandbox runs for an answer: the answer itself, or for a completion the completed file (context
     * files, prefix, the answer as the middle, suffix; see {@link CompletedFile}).
     */
    public String executableCode(String answer) {
        if (kind == TaskKind.COMPLETION && hole != null) {
            return CompletedFile.assemble(files, hole, answer);
        }
        return answer;
    }
}
