package io.evalwatch.generator.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.FewShotExample;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.generator.provider.ModelConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantPromptTest {

    private static final TaskSpec TASK = new TaskSpec("running-max", "lists", TaskKind.GENERATION, "python",
            "Write a Python function `running_max(values)` that returns the running maximum.", "running_max",
            List.of(), 5, List.of());
    private static final String BASE = TASK.prompt()
            + "\n\nReply with the complete python function `running_max` in one fenced code block.";
    private static final List<FewShotExample> EXAMPLES = List.of(
            new FewShotExample("add", "Write `add(a, b)`.", "def add(a, b):\n    return a + b\n"),
            new FewShotExample("neg", "Write `neg(x)`.", "def neg(x):\n    return -x"));

    @Test
    void baseIsTodaysPromptByteForByte() {
        ChatPrompt base = ChatPrompt.of(ModelConfigs.openai("m", true), TASK, PromptVariant.BASE, List.of());
        assertEquals(List.of(new ChatMessage("user", BASE)), base.messages());
        assertEquals(ChatPrompt.of(ModelConfigs.openai("m", true), TASK).hash(), base.hash());
    }

    @Test
    void fewShotShowsTheExamplesWithTheirSolutionsBeforeTheTask() {
        String message = user(PromptVariant.FEW_SHOT, EXAMPLES);
        assertEquals(PromptVariant.EXAMPLES_HEADER + "\n\n"
                + "### Example 1\n\nWrite `add(a, b)`.\n\n```python\ndef add(a, b):\n    return a + b\n```\n\n"
                + "### Example 2\n\nWrite `neg(x)`.\n\n```python\ndef neg(x):\n    return -x\n```\n\n"
                + "### Your task\n\n" + BASE, message);
        assertEquals(PromptVariant.FEW_SHOT, PromptVariant.recognise(message));
        assertEquals(BASE, PromptVariant.taskPart(message).strip());
    }

    @Test
    void chainOfThoughtAndStructuredAddTheirInstructionAfterTheTask() {
        String thought = user(PromptVariant.CHAIN_OF_THOUGHT, List.of());
        assertEquals(BASE + "\n\n" + PromptVariant.CHAIN_OF_THOUGHT.instruction(), thought);
        assertTrue(thought.contains("step by step"));
        String structured = user(PromptVariant.STRUCTURED, List.of());
        assertTrue(structured.startsWith(BASE) && structured.contains("{\"code\": {\"type\": \"string\"}}"));
        assertEquals(PromptVariant.CHAIN_OF_THOUGHT, PromptVariant.recognise(thought));
        assertEquals(PromptVariant.STRUCTURED, PromptVariant.recognise(structured));
        assertEquals(PromptVariant.BASE, PromptVariant.recognise(BASE));
        assertEquals(BASE, PromptVariant.taskPart(structured).strip());
    }

    @Test
    void variantsLeaveReviewAndSearchPromptsAlone() {
        TaskSpec search = new TaskSpec("where", "search", TaskKind.SEARCH, "python", "Where is x parsed?", null,
                List.of(), 5, List.of());
        assertEquals(ChatPrompt.of(ModelConfigs.openai("m", true), search).messages(),
                ChatPrompt.of(ModelConfigs.openai("m", true), search, PromptVariant.STRUCTURED, List.of()).messages());
    }

    private static String user(PromptVariant variant, List<FewShotExample> examples) {
        return ChatPrompt.of(ModelConfigs.openai("m", true), TASK, variant, examples).messages().get(0).content();
    }
}
