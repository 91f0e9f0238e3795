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

    /** The error a non-2xx body describes; plain text when it is not the vendor's JSON error shape. */
    static VendorError readError(String body) {
        if (body == null || body.isBlank()) {
            return new VendorError(null, "");
        }
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode error = n.path("error");
            if (error.isObject()) {
                return new VendorError(text(error.path("type")) != null ? text(error.path("type")) : text(error.path("code")),
                        text(error.path("message")));
            }
            if (error.isTextual()) {
                return new VendorError(null, error.asText());
            }
            if (n.path("message").isTextual()) {
                return new VendorError(text(n.path("type")), n.path("message").asText());
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String trimmed = body.strip();
        return new VendorError(null, trimmed.length() > 300 ? trimmed.substring(0, 300) + "..." : trimmed);
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
