package io.evalwatch.simulator.rest;

import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.task.TaskFiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The tasks of the test suite and the user message the generator would send for them. */
final class Prompts {

    static final Path SUITES = Path.of("src/test/resources/suites");

    private Prompts() {
    }

    static List<SimTask> tasks() {
        return TaskFiles.loadSuites(SUITES);
    }

    static SimTask task(String id) {
        return tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    /** The generator's default template. */
    static String userMessage(SimTask task) {
        return task.prompt() + "\n\nReply with the complete " + task.language() + " function `" + task.entryPoint()
                + "` in one fenced code block.";
    }

    /** A judge prompt in the format of evalwatch's JudgeRubrics (events module): marker, task, answer, format. */
    static String judgeMessage(SimTask task, String code) {
        return "[evalwatch-judge] rubric=generation v1\nYou grade code an assistant wrote.\n\n=== TASK ===\n"
                + userMessage(task) + "\n=== ANSWER ===\n" + code + "\n=== END ANSWER ===\n\nReply with exactly"
                + " two lines:\nScore: <1..5>\nRationale: <why>";
    }

    static Map<String, Object> chat(String model, String message, long seed) {
        return Map.of("model", model, "seed", seed, "temperature", 0.8,
                "messages", List.of(Map.of("role", "system", "content", "You write code."),
                        Map.of("role", "user", "content", message)));
    }
}
