package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelChecklistTest {

    @Test
    void printsEachCheckAndTheFixUnderAFailure() throws Exception {
        var check = new ObjectMapper().readTree("""
                {"model":"local","provider":"openai","endpoint":"http://127.0.0.1:8080/v1","modelId":"no-such-model",
                 "ok":false,"checks":[
                  {"check":"reachable","status":"pass","detail":"GET /models answered 200","fix":null},
                  {"check":"model id echoed","status":"fail","detail":"asked for no-such-model, answered as tinyllama",
                   "fix":"add it to accepted_model_ids for local (or set alias: true)"}]}""");

        String text = ModelChecklist.render(List.of(check));

        String[] lines = text.split("\\R");
        assertEquals("local  (openai no-such-model at http://127.0.0.1:8080/v1)", lines[0]);
        assertTrue(lines[1].startsWith("  ok    reachable"), text);
        assertTrue(lines[2].startsWith("  FAIL  model id echoed"), text);
        assertEquals("        fix: add it to accepted_model_ids for local (or set alias: true)", lines[3]);
        assertEquals("  NOT usable until the failures are fixed", lines[4]);
    }
}
