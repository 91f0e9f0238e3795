package io.evalwatch.generator.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StructuredAnswerTest {

    @Test
    void takesTheCodeFieldAndNothingElse() {
        assertEquals(new ExtractedCode("def f():\n    return 1", CodeFormat.STRUCTURED),
                StructuredAnswer.extract("{\"code\":\"def f():\\n    return 1\\n\"}"));
        // a truncated object, a missing field, prose: no code, scored as an answer without code
        assertEquals(CodeFormat.NONE, StructuredAnswer.extract("{\"code\":\"def f():").format());
        assertEquals(CodeFormat.NONE, StructuredAnswer.extract("{\"solution\":\"def f(): pass\"}").format());
        assertEquals(CodeFormat.NONE, StructuredAnswer.extract("```python\ndef f(): pass\n```").format());
        assertEquals(CodeFormat.NONE, StructuredAnswer.extract("{\"code\":\"  \"}").format());
    }
}
