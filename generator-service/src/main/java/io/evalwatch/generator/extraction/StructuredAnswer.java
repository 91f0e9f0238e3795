package io.evalwatch.generator.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The structured answer a model is asked for when the catalogue sets {@code structured_output}: a JSON object with
 * one required string, {@code code}. The same schema serves OpenAI's {@code response_format} and the parameters of
 * the tool OpenAI and Anthropic models are made to call.
 */
public final class StructuredAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StructuredAnswer() {
    }

    /** The JSON schema of the answer (strict mode: every property required, no others allowed). */
    public static ObjectNode schema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("code").put("type", "string")
                .put("description", "the complete source code of the solution, without markdown fences");
        schema.putArray("required").add("code");
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * The code of a structured answer; NONE when the answer is not a JSON object with a non-blank string
     * {@code code} (truncated JSON included), which scores as an answer without code.
     */
    public static ExtractedCode extract(String answer) {
        if (answer == null || answer.isBlank()) {
            return new ExtractedCode("", CodeFormat.NONE);
        }
        try {
            JsonNode code = JSON.readTree(answer).path("code");
            if (code.isTextual() && !code.asText().isBlank()) {
                return new ExtractedCode(code.asText().strip(), CodeFormat.STRUCTURED);
            }
        } catch (IOException notJson) {
            // an answer that does not follow the schema has no code to take
        }
        return new ExtractedCode("", CodeFormat.NONE);
    }
}
