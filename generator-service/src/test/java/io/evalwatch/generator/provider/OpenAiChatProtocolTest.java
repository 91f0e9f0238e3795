package io.evalwatch.generator.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.generator.config.ApiKey;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.config.ProviderKind;
import io.evalwatch.generator.prompt.ChatMessage;
import io.evalwatch.generator.prompt.ChatPrompt;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChatProtocolTest {

    private final ChatProtocol protocol = ChatProtocol.of(ProviderKind.OPENAI);

    @Test
    void readsContentUsageIdentityAndArrivalTimesFromARecordedStream() {
        Transcript t = protocol.readStream(SseReader.events(RecordedStreams.lines("openai-chat-stream.txt")));
        assertEquals("```python\ndef add(a, b):\n    return a + b\n```", t.text());
        // the role-only first chunk carries no content: six content chunks, on lines 2, 4, ... 12 (ms)
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L, 12L).stream().map(ms -> ms * RecordedStreams.LINE_NANOS).toList(),
                t.content().stream().map(ContentPiece::arrivedNanos).toList());
        assertEquals(48, t.inputTokens());
        assertEquals(6, t.outputTokens());
        assertEquals("chatcmpl-9xYz", t.responseId());
        assertEquals("gpt-4o-2024-08-06", t.responseModel());
        assertEquals("fp_a7d06e42a7", t.systemFingerprint());
        assertEquals("stop", t.finishReason());
        assertTrue(t.complete());
        assertNull(t.refusal());
        assertNull(t.error());
    }

    @Test
    void aStreamCutBeforeItsEndIsIncompleteAndHasNoUsage() {
        Transcript t = protocol.readStream(SseReader.events(RecordedStreams.lines("openai-truncated-stream.txt")));
        assertEquals("def add(", t.text());
        assertFalse(t.complete());
        assertFalse(t.usageReported());
    }

    @Test
    void readsARefusal() {
        Transcript t = protocol.readStream(SseReader.events(RecordedStreams.lines("openai-refusal-stream.txt")));
        assertEquals("I'm sorry, I can't help with that.", t.refusal());
        assertEquals("", t.text());
    }

    @Test
    void readsAnErrorChunk() {
        Transcript t = protocol.readStream(List.of(new SseEvent("message",
                "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}", 0)));
        assertEquals(new VendorError("server_error", "The server had an error"), t.error());
    }

    @Test
    void aChunkThatIsNotJsonIsMalformed() {
        assertThrows(MalformedResponseException.class,
                () -> protocol.readStream(List.of(new SseEvent("message", "{not json", 0))));
    }

    @Test
    void readsANonStreamedBody() {
        Transcript t = protocol.readBody("""
                {"id":"chatcmpl-1","object":"chat.completion","model":"qwen2.5-coder:7b","system_fingerprint":"fp_ollama",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"def f(): pass"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}}""", 77);
        assertEquals("def f(): pass", t.text());
        assertEquals(77, t.content().get(0).arrivedNanos());
        assertEquals(10, t.inputTokens());
        assertEquals(4, t.outputTokens());
        assertTrue(t.complete());
    }

    @Test
    void requestCarriesSeedStreamOptionsAndTheExactMessages() throws Exception {
        ModelConfig config = ModelConfigs.openai("m", true);
        ChatPrompt prompt = new ChatPrompt(List.of(new ChatMessage("system", "be terse"), new ChatMessage("user", "hi")));
        JsonNode body = new ObjectMapper().readTree(protocol.body(config, prompt, 1234567));
        assertEquals("model-id", body.get("model").asText());
        assertEquals(1234567, body.get("seed").asLong());
        assertTrue(body.get("stream").asBoolean());
        assertTrue(body.get("stream_options").get("include_usage").asBoolean());
        assertEquals(256, body.get("max_tokens").asInt());
        assertEquals(0.5, body.get("temperature").asDouble());
        assertEquals("system", body.get("messages").get(0).get("role").asText());
        assertEquals("hi", body.get("messages").get(1).get("content").asText());
        assertEquals("http://127.0.0.1:1/v1/chat/completions", protocol.uri(config).toString());
    }

    @Test
    void nonStreamedRequestsDoNotAskForStreamOptions() throws Exception {
        JsonNode body = new ObjectMapper().readTree(protocol.body(ModelConfigs.openai("m", false),
                new ChatPrompt(List.of(new ChatMessage("user", "hi"))), 1));
        assertFalse(body.get("stream").asBoolean());
        assertFalse(body.has("stream_options"));
    }

    @Test
    void sendsTheKeyAsBearerTokenOnly() {
        ConfiguredModel model = new ConfiguredModel(ModelConfigs.openai("m", true), ApiKey.of("sk-test-123456789"), "h");
        assertEquals("Bearer sk-test-123456789", protocol.headers(model).get("Authorization"));
        ConfiguredModel keyless = new ConfiguredModel(ModelConfigs.openai("m", true), ApiKey.none(), "h");
        assertFalse(protocol.headers(keyless).containsKey("Authorization"));
    }
}
