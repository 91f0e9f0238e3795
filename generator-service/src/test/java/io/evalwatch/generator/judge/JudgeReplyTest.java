package io.evalwatch.generator.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JudgeReplyTest {

    @Test
    void readsTheRubricsExactFormat() {
        JudgeReply reply = JudgeReply.parse("Score: 3\nRationale: handles the main case\nbut not empty input.");
        assertEquals(3, reply.score());
        assertEquals("handles the main case\nbut not empty input.", reply.rationale());
        assertNull(reply.unscoredReason());
    }

    @Test
    void toleratesMarkupPreambleOutOfFiveAndOrder() {
        JudgeReply marked = JudgeReply.parse("Here is my grade.\n**Score:** 5/5\n**Rationale:** correct and clear.");
        assertEquals(5, marked.score());
        assertEquals("correct and clear.", marked.rationale());

        JudgeReply reversed = JudgeReply.parse("Rationale: wrong result for n = 0.\nscore: 2");
        assertEquals(2, reversed.score());
        assertEquals("wrong result for n = 0.", reversed.rationale());
    }

    @Test
    void aReplyWithoutAScoreLineHasNoScoreAndSaysWhy() {
        JudgeReply reply = JudgeReply.parse("```python\ndef add(a, b):\n    return a + b\n```");
        assertNull(reply.score());
        assertTrue(reply.unscoredReason().contains("no 'Score: N' line"), reply.unscoredReason());
        assertTrue(JudgeReply.parse("  ").unscoredReason().contains("empty"));
        assertNull(JudgeReply.parse("I would give it a score of 4 out of 5.").score(), "prose is not the format");
    }

    @Test
    void scoresOutsideOneToFiveOrNotWholeAreRefused() {
        assertTrue(JudgeReply.parse("Score: 7\nRationale: great").unscoredReason().contains("outside 1..5"));
        assertTrue(JudgeReply.parse("Score: 0\nRationale: bad").unscoredReason().contains("outside 1..5"));
        assertTrue(JudgeReply.parse("Score: -2").unscoredReason().contains("outside 1..5"));
        assertTrue(JudgeReply.parse("Score: 99999999999").unscoredReason().contains("outside 1..5"));
        JudgeReply half = JudgeReply.parse("Score: 3.5\nRationale: between");
        assertNull(half.score());
        assertTrue(half.unscoredReason().contains("not a whole number"), half.unscoredReason());
        assertEquals("between", half.rationale(), "the rationale is kept for a reader even without a score");
    }

    @Test
    void twoDifferentScoresAreNoScore() {
        JudgeReply reply = JudgeReply.parse("Score: 2\nRationale: hmm\nScore: 4");
        assertNull(reply.score());
        assertTrue(reply.unscoredReason().contains("two scores"), reply.unscoredReason());
        assertEquals(4, JudgeReply.parse("Score: 4\nScore: 4\nRationale: sure").score(), "a repeat agrees");
    }
}
