package io.evalwatch.generator.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantExtractionTest {

    private static final TaskSpec TASK = new TaskSpec("add", "math", TaskKind.GENERATION, "python", "Write add.",
            "add", List.of(), 5, List.of());
    private static final String CODE = "def add(a, b):\n    return a + b";

    @Test
    void chainOfThoughtFindsTheCodeAfterTheReasoningEvenWithSnippetsInIt() {
        String answer = "Let me think step by step.\n\nFirst, adding is `a + b`, for example:\n\n```python\n"
                + "print(1 + 2)\n```\n\nSo the function is:\n\n```python\n" + CODE + "\n```\n";
        assertEquals(new ExtractedCode(CODE, CodeFormat.FENCED_WITH_PROSE),
                AnswerExtractor.extract(TASK, PromptVariant.CHAIN_OF_THOUGHT, answer));
    }

    @Test
    void structuredReadsTheCodeFromJsonFencedOrNot() {
        String json = "{\"code\": \"def add(a, b):\\n    return a + b\"}";
        assertEquals(new ExtractedCode(CODE, CodeFormat.STRUCTURED),
                AnswerExtractor.extract(TASK, PromptVariant.STRUCTURED, json));
        assertEquals(new ExtractedCode(CODE, CodeFormat.STRUCTURED),
                AnswerExtractor.extract(TASK, PromptVariant.STRUCTURED, "```json\n" + json + "\n```"));
    }

    @Test
    void aStructuredAnswerThatIsNotTheJsonHasNoCode() {
        // code in a fence instead of the schema is a format failure for this variant, not an answer
        assertEquals(CodeFormat.NONE, AnswerExtractor.extract(TASK, PromptVariant.STRUCTURED,
                "```python\n" + CODE + "\n```").format());
        assertEquals(CodeFormat.NONE, AnswerExtractor.extract(TASK, PromptVariant.STRUCTURED,
                "{\"code\": \"def add(a, b):").format());
        assertEquals(CodeFormat.FENCED, AnswerExtractor.extract(TASK, PromptVariant.BASE,
                "```python\n" + CODE + "\n```").format());
    }
}
