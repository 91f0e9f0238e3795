package io.evalwatch.generator.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AnswerExtractorTest {

    @Test
    void fencedJsonWithProse() {
        ExtractedCode code = AnswerExtractor.json("Here you go:\n```json\n[{\"file\": \"a.py\", \"line\": 3}]\n```\n");
        assertEquals("[{\"file\": \"a.py\", \"line\": 3}]", code.code());
        assertEquals(CodeFormat.FENCED_WITH_PROSE, code.format());
    }

    @Test
    void rawJsonFromTheFirstBracket() {
        ExtractedCode code = AnswerExtractor.json("Findings: [{\"file\": \"a.py\"}] hope it helps");
        assertEquals("[{\"file\": \"a.py\"}]", code.code());
        assertEquals(CodeFormat.RAW, code.format());
        assertEquals("{\"findings\": []}", AnswerExtractor.json("{\"findings\": []}").code());
    }

    @Test
    void proseOnlyIsNoAnswer() {
        assertEquals(CodeFormat.NONE, AnswerExtractor.json("I cannot help with that.").format());
        assertEquals(CodeFormat.NONE, AnswerExtractor.json("").format());
    }
}
