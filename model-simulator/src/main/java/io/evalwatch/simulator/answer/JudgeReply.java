package io.evalwatch.simulator.answer;

import java.util.Optional;

/**
 * The simulator's side of evalwatch's LLM judge: recognises a judge prompt by the rubric's marker and answers in the
 * rubric's format. The marker and delimiters are those of evalwatch's {@code JudgeRubrics} (events module), written
 * out here because the simulator plays a vendor and depends on no evalwatch contract.
 */
public final class JudgeReply {

    public static final String MARKER = "[evalwatch-judge]";
    static final String TASK_START = "=== TASK ===";
    static final String ANSWER_START = "=== ANSWER ===";
    static final String ANSWER_END = "=== END ANSWER ===";

    /** What a judge prompt asks about: the task's text and the code to grade. */
    public record JudgePrompt(String taskText, String code) {
    }

    private JudgeReply() {
    }

    /** The task and code of a judge prompt; empty when the message is not one (a task prompt). */
    public static Optional<JudgePrompt> read(String message) {
        if (message == null || !message.contains(MARKER)) {
            return Optional.empty();
        }
        int task = message.indexOf(TASK_START);
        int answer = message.indexOf(ANSWER_START, Math.max(task, 0));
        int end = message.lastIndexOf(ANSWER_END);
        if (task < 0 || answer < 0 || end < answer) {
            return Optional.of(new JudgePrompt("", ""));
        }
        return Optional.of(new JudgePrompt(message.substring(task + TASK_START.length(), answer).strip(),
                message.substring(answer + ANSWER_START.length(), end).strip()));
    }

    /** The reply in the rubric's format. */
    public static String content(int score, boolean matchesReference) {
        return "Score: " + score + "\nRationale: " + (matchesReference
                ? "The answer is the reference solution: correct and clear."
                : "The answer differs from the reference solution; it may miss cases the task asks for.");
    }
}
