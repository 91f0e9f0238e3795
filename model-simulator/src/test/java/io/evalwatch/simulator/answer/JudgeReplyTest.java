package io.evalwatch.simulator.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JudgeReplyTest {

    @Test
    void readsTheTaskAndTheCodeOfAJudgePromptAndIgnoresTaskPrompts() {
        String prompt = "[evalwatch-judge] rubric=generation v1\nGrade it.\n\n=== TASK ===\nWrite f.\n"
                + "=== ANSWER ===\ndef f():\n    return 1\n=== END ANSWER ===\n\nScore: <1..5>";
        JudgeReply.JudgePrompt read = JudgeReply.read(prompt).orElseThrow();
        assertEquals("Write f.", read.taskText());
        assertEquals("def f():\n    return 1", read.code());
        assertTrue(JudgeReply.read("Write f.\n\nReply with the complete python function").isEmpty());
    }

    @Test
    void repliesInTheRubricsFormat() {
        String reply = JudgeReply.content(2, false);
        assertTrue(reply.startsWith("Score: 2\nRationale: "), reply);
        assertEquals(2, reply.lines().count());
    }
}
