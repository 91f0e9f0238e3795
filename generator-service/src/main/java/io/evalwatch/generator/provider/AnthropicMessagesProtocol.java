package io.evalwatch.generator.provider;

import static io.evalwatch.generator.provider.ChatProtocol.integer;
import static io.evalwatch.generator.provider.ChatProtocol.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.config.StructuredOutput;
import io.evalwatch.generator.extraction.StructuredAnswer;
import io.evalwatch.generator.prompt.ChatMessage;
import io.evalwatch.generator.prompt.ChatPrompt;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Anthropic Messages API ({@code POST {endpoint}/messages}). The stream is typed events: message_start (id, model,
 * input tokens), content_block_delta (text, or thinking for extended thinking, kept apart from the answer),
 * message_delta (stop reason, cumulative usage), message_stop; ping at any time, error at any time.
 * The item seed travels as {@code metadata.user_id}, the one free-form field the API accepts.
 */
public final class AnthropicMessagesProtocol implements ChatProtocol {

    static final AnthropicMessagesProtocol INSTANCE = new AnthropicMessagesProtocol();

    private AnthropicMessagesProtocol() {
    }

    @Override
    public URI uri(ModelConfig model) {
        return URI.create(model.endpoint() + "/messages");
    }

    @Override
    public Map<String, String> headers(ConfiguredModel model) {
        Map<String, String> headers = ChatProtocol.jsonHeaders(model.config());
        headers.put("anthropic-version", model.config().anthropicVersion());
        if (model.apiKey().present()) {
            headers.put("x-api-key", model.apiKey().reveal());
        }
        return headers;
    }

    @Override
    public byte[] body(ModelConfig model, ChatPrompt prompt, long seed) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.modelId());
        body.put("max_tokens", model.maxTokens());
        prompt.system().ifPresent(system -> body.put("system", system));
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : prompt.conversation()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        if (model.temperature() != null) {
            // Anthropic accepts 0..1; the catalogue allows OpenAI's 0..2, so clamp instead of failing every item
            body.put("temperature", Math.min(1.0, model.temperature()));
        }
        if (model.structuredOutput() == StructuredOutput.TOOL) {
            body.putArray("tools").addObject().put("name", StructuredOutput.TOOL_NAME)
                    .put("description", "Submit the solution's code.").set("input_schema", StructuredAnswer.schema());
            body.putObject("tool_choice").put("type", "tool").put("name", StructuredOutput.TOOL_NAME);
        }
        body.putObject("metadata").put("user_id", Long.toString(seed));
        body.put("stream", model.stream());
        return ChatProtocol.bytes(body);
    }

    @Override
    public Transcript readStream(List<SseEvent> events) {
        TranscriptBuilder t = new TranscriptBuilder();
        for (SseEvent event : events) {
            if (event.data().isBlank()) {
                continue;
            }
            if ("error".equals(event.event())) {
                // "event: error" always means an error, whatever its data says (a llama.cpp error line included)
                t.error(ChatProtocol.readError(event.data()));
                continue;
            }
            JsonNode n = ChatProtocol.parse(event.data(), "stream event");
            String type = text(n.get("type"));
            if (type == null) {
                type = event.event();
            }
            switch (type) {
                case "message_start" -> {
                    JsonNode message = n.path("message");
                    t.responseId = text(message.get("id"));
                    t.responseModel = text(message.get("model"));
                    t.systemFingerprint = text(message.get("system_fingerprint"));
                    readUsage(message.path("usage"), t);
                }
                case "content_block_start" -> {
                    JsonNode block = n.path("content_block");
                    if ("text".equals(text(block.get("type")))) {
                        t.content(text(block.get("text")), event.arrivedNanos());
                    } else if ("thinking".equals(text(block.get("type")))) {
                        t.reasoning(text(block.get("thinking")), event.arrivedNanos());
                    } else if ("tool_use".equals(text(block.get("type")))) {
                        // the input arrives as input_json_delta fragments; the block's own input is an empty {}
                        t.toolArguments(n.path("index").asInt(0), text(block.get("name")), null, event.arrivedNanos());
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = n.path("delta");
                    String kind = String.valueOf(text(delta.get("type")));
                    switch (kind) {
                        case "text_delta" -> t.content(text(delta.get("text")), event.arrivedNanos());
                        case "thinking_delta" -> t.reasoning(text(delta.get("thinking")), event.arrivedNanos());
                        case "input_json_delta" -> t.toolArguments(n.path("index").asInt(0), null,
                                text(delta.get("partial_json")), event.arrivedNanos());
                        default -> {
                            // signature_delta: nothing of the answer
                        }
                    }
                }
                case "message_delta" -> {
                    String stop = text(n.path("delta").get("stop_reason"));
                    if (stop != null) {
                        t.finishReason = stop;
                    }
                    readUsage(n.path("usage"), t);
                }
                case "message_stop" -> t.complete = true;
                case "error" -> t.error(ChatProtocol.readError(event.data()));
                default -> {
                    // ping, content_block_stop and event types added later carry nothing measured here
                }
            }
        }
        if ("refusal".equals(t.finishReason)) {
            t.refusal("stop_reason refusal");
        }
        return t.build();
    }

    @Override
    public Transcript readBody(String json, long arrivedNanos) {
        JsonNode body = ChatProtocol.parse(json, "response body");
        TranscriptBuilder t = new TranscriptBuilder();
        if ("error".equals(text(body.get("type"))) || body.has("error")) {
            t.error(ChatProtocol.readError(json));
            return t.build();
        }
        if (!body.path("content").isArray()) {
            throw new MalformedResponseException("response body has no content array");
        }
        t.responseId = text(body.get("id"));
        t.responseModel = text(body.get("model"));
        t.systemFingerprint = text(body.get("system_fingerprint"));
        StringBuilder text = new StringBuilder();
        for (JsonNode block : body.get("content")) {
            if ("text".equals(text(block.get("type")))) {
                text.append(block.path("text").asText(""));
            } else if ("thinking".equals(text(block.get("type")))) {
                t.reasoning(block.path("thinking").asText(""), arrivedNanos);
            } else if ("tool_use".equals(text(block.get("type")))) {
                t.toolArguments(0, text(block.get("name")), block.path("input").toString(), arrivedNanos);
            }
        }
        t.content(text.toString(), arrivedNanos);
        t.finishReason = text(body.get("stop_reason"));
        if ("refusal".equals(t.finishReason)) {
            t.refusal("stop_reason refusal");
        }
        readUsage(body.path("usage"), t);
        t.complete = true;
        return t.build();
    }

    private static void readUsage(JsonNode usage, TranscriptBuilder t) {
        if (!usage.isObject()) {
            return;
        }
        // input_tokens counts only the prompt after the last cache breakpoint; the cached parts are billed apart
        Integer input = integer(usage.get("input_tokens"));
        Integer cacheRead = integer(usage.get("cache_read_input_tokens"));
        Integer cacheWrite = integer(usage.get("cache_creation_input_tokens"));
        if (cacheRead != null) {
            t.cacheReadTokens = cacheRead;
        }
        if (cacheWrite != null) {
            t.cacheWriteTokens = cacheWrite;
        }
        if (input != null) {
            t.inputTokens = input + (t.cacheReadTokens == null ? 0 : t.cacheReadTokens)
                    + (t.cacheWriteTokens == null ? 0 : t.cacheWriteTokens);
        }
        Integer output = integer(usage.get("output_tokens"));
        if (output != null) {
            t.outputTokens = output; // cumulative in message_delta, so the last value is the count
        }
    }

    @Override
    public List<String> requestIdHeaders() {
        return List.of("request-id", "x-request-id");
    }
}
