package io.evalwatch.simulator.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.simulator.task.SimTask;

/**
 * A code answer in the format its prompt variant asked for: a structured answer as the JSON object
 * {@code {"code": "..."}}, a chain-of-thought answer as reasoning followed by the code in one fenced block. A refusal
 * stays prose in every variant; base and few-shot keep the version's own output style.
 */
public final class VariantReplies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VariantReplies() {
    }

    public static String render(PromptVariant variant, SimTask task, SimulatedAnswer answer) {
        if (answer.code() == null || !task.kind().executable()) {
            return answer.content();
        }
        return switch (variant) {
            case BASE, FEW_SHOT, LONG_CONTEXT -> answer.content();
            case TWIN -> answer.content(); // a twin is asked as base is
            case STRUCTURED -> json(answer.code());
            case REPEAT -> answer.content();
            case CHAIN_OF_THOUGHT -> reasoning(task) + ReplyStyle.render(
                    io.evalwatch.simulator.profile.OutputStyle.FENCED, task.language(), task.entryPoint(),
                    answer.code(), task.answersAMiddle());
        };
    }

    /** Several sentences before the code: the output tokens a model spends reasoning. */
    static String reasoning(SimTask task) {
        String name = task.entryPoint() == null ? "the code" : "`" + task.entryPoint() + "`";
        return "Let me reason step by step.\n\n"
                + "1. First I restate what " + name + " must do, from the specification and its examples.\n"
                + "2. Then I list the inputs it receives and the edge cases they allow: empty inputs, single"
                + " elements, boundaries and invalid values.\n"
                + "3. Next I choose the simplest approach that covers every case, and check it against the examples"
                + " by hand.\n"
                + "4. Finally I write it out, keeping the signature exactly as asked.\n\n"
                + "So the implementation is:\n\n";
    }

    private static String json(String code) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("code", code.strip()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of one string always serialises", e);
        }
    }
}
