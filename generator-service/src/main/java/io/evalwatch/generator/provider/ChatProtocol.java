package io.evalwatch.generator.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.config.ProviderKind;
import io.evalwatch.generator.prompt.ChatPrompt;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One vendor wire protocol: how to ask, and how to read the answer, streamed or whole. */
public interface ChatProtocol {

    ObjectMapper JSON = new ObjectMapper();

    static ChatProtocol of(ProviderKind kind) {
        return switch (kind) {
            case OPENAI -> OpenAiChatProtocol.INSTANCE;
            case ANTHROPIC -> AnthropicMessagesProtocol.INSTANCE;
        };
    }

    URI uri(ModelConfig model);

    /** Headers of the request, the authentication header included; never log the result. */
    Map<String, String> headers(ConfiguredModel model);

    /** The JSON body; {@code seed} makes a stand-in vendor's answer reproducible. */
    byte[] body(ModelConfig model, ChatPrompt prompt, long seed);

    Transcript readStream(List<SseEvent> events);

    Transcript readBody(String json, long arrivedNanos);

    /** Response headers that carry the vendor's request id, most specific first. */
    List<String> requestIdHeaders();

    /**
     * The error a body describes: {@code {"error": {...}}} (OpenAI, vLLM, LiteLLM, Anthropic), a bare
     * {@code {"code", "message", "type"}} object (llama.cpp's stream error line), {@code {"error": "text"}}
     * (Ollama); plain text when it is none of these.
     */
    static VendorError readError(String body) {
        if (body == null || body.isBlank()) {
            return new VendorError(null, "");
        }
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode error = n.path("error");
            if (error.isObject()) {
                return errorObject(error);
            }
            if (error.isTextual()) {
                return new VendorError(null, error.asText(), status(n.get("code")));
            }
            if (n.path("message").isTextual()) {
                return errorObject(n);
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String trimmed = body.strip();
        return new VendorError(null, trimmed.length() > 300 ? trimmed.substring(0, 300) + "..." : trimmed);
    }

    private static VendorError errorObject(JsonNode error) {
        JsonNode code = error.get("code");
        String type = text(error.get("type"));
        if (type == null && code != null && code.isTextual()) {
            type = code.asText();
        }
        return new VendorError(type, text(error.get("message")), status(code));
    }

    /** A numeric code in the HTTP status range ("code": 500, or "500" as LiteLLM sometimes writes it). */
    private static Integer status(JsonNode code) {
        if (code == null) {
            return null;
        }
        if (code.isInt() && code.asInt() >= 400 && code.asInt() < 600) {
            return code.asInt();
        }
        if (code.isTextual() && code.asText().matches("[45]\\d\\d")) {
            return Integer.parseInt(code.asText());
        }
        return null;
    }

    /** Whether a body is a JSON document at all (a server that answers 400 with nothing or plain text is not). */
    static boolean isJson(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            return JSON.readTree(body).isContainerNode();
        } catch (IOException e) {
            return false;
        }
    }

    /** Content-Type and Accept for a JSON request answered by a stream or a JSON body. */
    static Map<String, String> jsonHeaders(ModelConfig model) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", model.stream() ? "text/event-stream" : "application/json");
        return headers;
    }

    static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    static Integer integer(JsonNode node) {
        return node != null && node.isNumber() ? node.asInt() : null;
    }

    static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            String shown = json.length() > 200 ? json.substring(0, 200) + "..." : json;
            throw new MalformedResponseException(what + " is not JSON: " + shown);
        }
    }
}
