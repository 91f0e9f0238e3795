package io.evalwatch.events.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TaskKind;
import org.junit.jupiter.api.Test;

class JudgeRubricsTest {

    @Test
    void everyKindHasARubricThatFramesTaskAndAnswerAndAsksForTheExactFormat() {
        for (TaskKind kind : TaskKind.values()) {
            String id = JudgeRubrics.idOf(kind);
            assertEquals(kind, JudgeRubrics.kindOf(id).orElseThrow());
            String prompt = JudgeRubrics.prompt(id, "Write add(a, b).", "def add(a, b):\n    return a + b\n");
            assertTrue(prompt.startsWith("[evalwatch-judge] rubric=" + id + " v" + JudgeRubrics.VERSION), prompt);
            assertTrue(prompt.contains("=== TASK ===\nWrite add(a, b).\n=== ANSWER ===\ndef add(a, b):\n"
                    + "    return a + b\n=== END ANSWER ==="), prompt);
            assertTrue(prompt.contains("\nScore: <a whole number from 1 to 5>\nRationale: "), prompt);
        }
    }

    @Test
    void theMarkerAndDelimitersAreTheOnesTheModelSimulatorReads() {
        // model-simulator's answer/JudgeReply writes these out (it depends on no evalwatch contract): change both
        assertEquals("[evalwatch-judge]", JudgeRubrics.MARKER);
        assertEquals("=== TASK ===", JudgeRubrics.TASK_START);
        assertEquals("=== ANSWER ===", JudgeRubrics.ANSWER_START);
        assertEquals("=== END ANSWER ===", JudgeRubrics.ANSWER_END);
    }

    @Test
    void anUnknownRubricIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JudgeRubrics.prompt("poetry", "p", "c"));
    }
}
