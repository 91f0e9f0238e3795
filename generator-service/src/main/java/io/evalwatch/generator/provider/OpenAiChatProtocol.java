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
 * OpenAI chat completions ({@code POST {endpoint}/chat/completions}), spoken by OpenAI, vLLM, Ollama, llama.cpp's
 * server, LiteLLM and OpenRouter. Streams ask for {@code stream_options.include_usage}, so the provider's token
 * counts arrive in a final chunk with empty choices.
 */
public final class OpenAiChatProtocol implements ChatProtocol {

    static final OpenAiChatProtocol INSTANCE = new OpenAiChatProtocol();

    private OpenAiChatProtocol() {
    }

    @Override
    public URI uri(ModelConfig model) {
        return URI.create(model.endpoint() + "/chat/completions");
    }

    @Override
    public Map<String, String> headers(ConfiguredModel model) {
        Map<String, String> headers = ChatProtocol.jsonHeaders(model.config());
        if (model.apiKey().present()) {
            headers.put("Authorization", "Bearer " + model.apiKey().reveal());
        }
        return headers;
    }

    @Override
    public byte[] body(ModelConfig model, ChatPrompt prompt, long seed) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.modelId());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : prompt.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        if (model.temperature() != null) {
            body.put("temperature", model.temperature());
        }
        body.put("max_tokens", model.maxTokens());
        body.put("seed", seed);
        body.put("stream", model.stream());
        if (model.stream()) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (model.structuredOutput() == StructuredOutput.JSON_SCHEMA) {
            ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            schema.put("name", "code_answer").put("strict", true).set("schema", StructuredAnswer.schema());
        } else if (model.structuredOutput() == StructuredOutput.TOOL) {
            ObjectNode function = body.putArray("tools").addObject().put("type", "function").putObject("function");
            function.put("name", StructuredOutput.TOOL_NAME).put("description", "Submit the solution's code.")
                    .put("strict", true).set("parameters", StructuredAnswer.schema());
            body.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", StructuredOutput.TOOL_NAME);
        }
        return ChatProtocol.bytes(body);
    }

    @Override
    public Transcript readStream(List<SseEvent> events) {
        TranscriptBuilder t = new TranscriptBuilder();
        boolean done = false;
        for (SseEvent event : events) {
            String data = event.data().strip();
            if (data.equals("[DONE]")) {
                done = true;
                continue;
            }
            if (data.isEmpty()) {
                continue;
            }
            if ("error".equals(event.event())) {
                // llama.cpp's error line, or an error event from a proxy; its data may not even be JSON
                t.error(ChatProtocol.readError(data));
                continue;
            }
            JsonNode chunk = ChatProtocol.parse(data, "stream chunk");
            // {"error": {...}} (OpenAI, Ollama, LiteLLM) or vLLM's bare ErrorResponse {"object": "error", ...}
            if (chunk.has("error") || "error".equals(text(chunk.get("object")))) {
                t.error(ChatProtocol.readError(data));
                continue;
            }
            readChunk(chunk, t, event.arrivedNanos(), "delta");
        }
        // some servers end without [DONE]; a finish_reason still tells the answer is whole
        t.complete = done || t.finishReason != null;
        return t.build();
    }

    @Override
    public Transcript readBody(String json, long arrivedNanos) {
        JsonNode body = ChatProtocol.parse(json, "response body");
        TranscriptBuilder t = new TranscriptBuilder();
        if (body.has("error")) {
            t.error(ChatProtocol.readError(json));
            return t.build();
        }
        if (!body.path("choices").isArray()) {
            throw new MalformedResponseException("response body has no choices");
        }
        readChunk(body, t, arrivedNanos, "message");
        t.complete = true;
        return t.build();
    }

    private static void readChunk(JsonNode chunk, TranscriptBuilder t, long arrivedNanos, String messageField) {
        t.responseId = TranscriptBuilder.first(t.responseId, text(chunk.get("id")));
        t.responseModel = TranscriptBuilder.first(t.responseModel, text(chunk.get("model")));
        t.systemFingerprint = TranscriptBuilder.first(t.systemFingerprint, text(chunk.get("system_fingerprint")));
        JsonNode choices = chunk.path("choices");
        if (choices.isArray() && !choices.isEmpty()) {
            JsonNode choice = choices.get(0);
            JsonNode message = choice.path(messageField);
            JsonNode content = message.get("content");
            if (content != null && content.isTextual()) {
                t.content(content.asText(), arrivedNanos);
            }
            // reasoning models behind vLLM, llama.cpp and DeepSeek send reasoning_content; Ollama, OpenRouter and
            // newer vLLM send reasoning: either way it is not the answer
            JsonNode reasoning = message.has("reasoning_content") ? message.get("reasoning_content") : message.get("reasoning");
            if (reasoning != null && reasoning.isTextual()) {
                t.reasoning(reasoning.asText(), arrivedNanos);
            }
            JsonNode toolCalls = message.get("tool_calls");
            if (toolCalls != null && toolCalls.isArray()) {
                for (JsonNode call : toolCalls) {
                    JsonNode function = call.path("function");
                    t.toolArguments(call.path("index").asInt(0), text(function.get("name")),
                            text(function.get("arguments")), arrivedNanos);
                }
            }
            JsonNode refusal = message.get("refusal");
            if (refusal != null && refusal.isTextual()) {
                t.refusal(refusal.asText());
            }
            String finish = text(choice.get("finish_reason"));
            if (finish != null) {
                t.finishReason = finish;
            }
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            t.inputTokens = integer(usage.get("prompt_tokens"));
            t.outputTokens = integer(usage.get("completion_tokens"));
            // prompt_tokens includes cached_tokens, completion_tokens includes reasoning_tokens
            t.cacheReadTokens = integer(usage.path("prompt_tokens_details").get("cached_tokens"));
            t.reasoningTokens = integer(usage.path("completion_tokens_details").get("reasoning_tokens"));
        }
        JsonNode timings = chunk.get("timings");
        if (timings != null && timings.isObject() && t.outputTokens == null) {
            readLlamaTimings(timings, t);
        }
    }

    /**
     * llama.cpp's server reports {@code timings} on its last chunk, also when it sends no usage: prompt_n tokens
     * were evaluated, cache_n more came from its prompt cache, predicted_n were generated. Usage, when sent,
     * wins; this is read only in its absence.
     */
    private static void readLlamaTimings(JsonNode timings, TranscriptBuilder t) {
        Integer evaluated = integer(timings.get("prompt_n"));
        Integer cached = integer(timings.get("cache_n"));
        Integer predicted = integer(timings.get("predicted_n"));
        if (evaluated != null && predicted != null) {
            t.inputTokens = evaluated + (cached == null ? 0 : cached);
            t.outputTokens = predicted;
            if (cached != null && cached > 0) {
                t.cacheReadTokens = cached;
            }
        }
    }

    @Override
    public List<String> requestIdHeaders() {
        return List.of("x-request-id", "request-id");
    }
}
