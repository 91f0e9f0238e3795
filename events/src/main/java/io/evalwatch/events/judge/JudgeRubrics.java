package io.evalwatch.events.judge;

import io.evalwatch.events.TaskKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rubrics an LLM judge grades with: one short prompt per task kind, shipped with the product. A rubric's id is
 * its kind's name; {@link #VERSION} changes whenever any rubric's words change, and travels with every judgement.
 *
 * <p>Every rubric prompt starts with {@link #MARKER} (how the model-simulator tells a judge prompt from a task) and
 * frames the task and the answer between fixed delimiters, then asks for an exact reply: {@code Score: N} on the
 * first line, {@code Rationale: ...} on the next.
 */
public final class JudgeRubrics {

    public static final int VERSION = 1;
    public static final String MARKER = "[evalwatch-judge]";
    public static final String TASK_START = "=== TASK ===";
    public static final String ANSWER_START = "=== ANSWER ===";
    public static final String ANSWER_END = "=== END ANSWER ===";

    private static final String FORMAT = """
            Grade from 1 (useless or wrong) to 5 (correct, clear and idiomatic). Reply with exactly two lines and \
            nothing else:
            Score: <a whole number from 1 to 5>
            Rationale: <one or two sentences saying why>""";

    private static final Map<TaskKind, String> CRITERIA = new EnumMap<>(Map.of(
            TaskKind.GENERATION, "You grade code an assistant wrote from a specification. Judge whether it does what"
                    + " the task asks, including edge cases, and whether it is readable.",
            TaskKind.COMPLETION, "You grade code an assistant wrote to complete a partial program. Judge whether the"
                    + " completion fits the given code and does what the task asks, including edge cases.",
            TaskKind.REVIEW, "You grade a code review an assistant wrote. Judge whether it finds the real problems of"
                    + " the code in the task, without inventing problems, and suggests correct fixes.",
            TaskKind.SEARCH, "You grade code an assistant found or pointed to for a question. Judge whether it is the"
                    + " code that answers the question and whether it is correct."));

    private JudgeRubrics() {
    }

    /** The rubric id for a task kind. */
    public static String idOf(TaskKind kind) {
        return (kind == null ? TaskKind.GENERATION : kind).name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind a rubric id names, if it names one. */
    public static Optional<TaskKind> kindOf(String rubricId) {
        for (TaskKind kind : TaskKind.values()) {
            if (idOf(kind).equals(rubricId)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The whole judge prompt for one answer: marker, the kind's criteria, the task, the answer, the format. */
    public static String prompt(String rubricId, String taskPrompt, String answerCode) {
        TaskKind kind = kindOf(rubricId).orElseThrow(() -> new IllegalArgumentException("unknown rubric '"
                + rubricId + "'"));
        return MARKER + " rubric=" + rubricId + " v" + VERSION + "\n"
                + CRITERIA.get(kind) + "\n\n"
                + TASK_START + "\n" + (taskPrompt == null ? "" : taskPrompt.strip()) + "\n"
                + ANSWER_START + "\n" + (answerCode == null ? "" : answerCode.strip()) + "\n"
                + ANSWER_END + "\n\n"
                + FORMAT;
    }
}
