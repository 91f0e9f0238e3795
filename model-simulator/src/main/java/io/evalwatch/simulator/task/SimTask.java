package io.evalwatch.simulator.task;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.simulator.truth.AnswerKind;

import java.util.List;
import java.util.Map;

/**
 * What the simulator knows of a task: how to recognise it (prompt), what a correct answer is (reference, a complete
 * module defining entryPoint), the hand-written wrong answers of its simulation block, and its tests (used only to
 * check that generic mistakes really fail), the suite whose folder it came from (null when registered alone), and the
 * task as events carry it (spec: its kind, the files it shows, a completion's hole, a review's known findings, a
 * search's gold) as the suite format resolves it; null for a task registered through the admin API, or a file
 * the suite format finds problems in.
 */
public record SimTask(String id, String prompt, String entryPoint, String language, String reference,
                      Map<AnswerKind, String> simulation, List<TaskTest> tests, String suite, TaskSpec spec) {

    public SimTask {
        language = language == null || language.isBlank() ? "python" : language;
        simulation = simulation == null ? Map.of() : Map.copyOf(simulation);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** A task of a suite folder known by its generation fields alone. */
    public SimTask(String id, String prompt, String entryPoint, String language, String reference,
            Map<AnswerKind, String> simulation, List<TaskTest> tests, String suite) {
        this(id, prompt, entryPoint, language, reference, simulation, tests, suite, null);
    }

    /** The task's kind (generation when only its generation fields are known). */
    public TaskKind kind() {
        return spec == null ? TaskKind.GENERATION : spec.kind();
    }

    /** Whether the answer is the middle of a file with a hole (a completion with its hole, not HumanEval's form). */
    public boolean answersAMiddle() {
        return spec != null && spec.kind() == TaskKind.COMPLETION && spec.hole() != null;
    }

    /** The code that runs for an answer: the answer, or for a completion its completed file. */
    public String runnable(String answer) {
        return spec == null ? answer : spec.executableCode(answer);
    }

    /** A task known by itself (registered through the admin API), not read from a suite's folder. */
    public SimTask(String id, String prompt, String entryPoint, String language, String reference,
            Map<AnswerKind, String> simulation, List<TaskTest> tests) {
        this(id, prompt, entryPoint, language, reference, simulation, tests, null);
    }

    /** One test of a task: code run with the solution's names in scope. */
    public record TaskTest(String name, String code) {
    }
}
