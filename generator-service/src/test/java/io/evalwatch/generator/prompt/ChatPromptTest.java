package io.evalwatch.generator.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.provider.ModelConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatPromptTest {

    private static final TaskSpec TASK = new TaskSpec("running-max", "lists", TaskKind.GENERATION, "python",
            "Write a Python function `running_max(values)` that returns {the running maximum}.", "running_max",
            List.of(), 5, List.of());

    @Test
    void theDefaultTemplateIsTheBriefsWording() {
        ChatPrompt prompt = ChatPrompt.of(ModelConfigs.openai("m", true), TASK);
        assertEquals(List.of(new ChatMessage("user", TASK.prompt()
                + "\n\nReply with the complete python function `running_max` in one fenced code block.")), prompt.messages());
    }

    @Test
    void braceTextInsideTheTaskIsNotAPlaceholder() {
        assertEquals("x {the running maximum}. running-max/lists",
                PromptTemplate.render("x {prompt} {task_id}/{category}", new TaskSpec("running-max", "lists",
                        TaskKind.GENERATION, "python", "{the running maximum}.", "f", List.of(), 5, List.of())));
    }

    @Test
    void theSystemPromptComesFirstAndChangesTheHash() {
        ModelConfig plain = ModelConfigs.openai("m", true);
        ModelConfig withSystem = new ModelConfig("m", plain.provider(), plain.endpoint(), plain.modelId(), null,
                plain.prices(), 1, null, null, plain.timeout(), null, 10, "Be terse.", plain.promptTemplate(), true, null);
        ChatPrompt prompt = ChatPrompt.of(withSystem, TASK);
        assertEquals("system", prompt.messages().get(0).role());
        assertEquals("Be terse.", prompt.system().orElseThrow());
        assertEquals(1, prompt.conversation().size());
        assertNotEquals(prompt.hash(), ChatPrompt.of(plain, TASK).hash());
    }

    @Test
    void theHashIsSha256OfTheMessagesJson() {
        ChatPrompt prompt = new ChatPrompt(List.of(new ChatMessage("user", "hi")));
        // printf '%s' '[{"role":"user","content":"hi"}]' | sha256sum
        assertEquals("b03d228fdf33e7c81a9a7ea3eadadcf2cdcb98823fe93c669b8f0db42e0fa8a0", prompt.hash());
    }

    @Test
    void templatesMustKeepThePrompt() {
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.check("Solve {entry_point}"));
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.check("{prompt} {nope}"));
        PromptTemplate.check(PromptTemplate.DEFAULT);
    }
}
