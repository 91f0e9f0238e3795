package io.evalwatch.generator.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.generator.config.ApiKey;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ProviderKind;
import io.evalwatch.generator.prompt.ChatMessage;
import io.evalwatch.generator.prompt.ChatPrompt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicMessagesProtocolTest {

    private final ChatProtocol protocol = ChatProtocol.of(ProviderKind.ANTHROPIC);

    @Test
    void readsTextDeltasUsageAndIdentityFromARecordedStream() {
        Transcript t = protocol.readStream(SseReader.events(RecordedStreams.lines("anthropic-messages-stream.txt")));
        assertEquals("Here is the function:\n\n```python\ndef add(a, b):\n    return a + b\n```", t.text());
        // text deltas have their data on lines 10, 13 and 16; the empty content_block_start text and the ping carry none
        assertEquals(List.of(10L, 13L, 16L).stream().map(l -> l * RecordedStreams.LINE_NANOS).toList(),
                t.content().stream().map(ContentPiece::arrivedNanos).toList());
        assertEquals(41, t.inputTokens());
        assertEquals(19, t.outputTokens(), "message_delta's cumulative count replaces message_start's");
        assertEquals("msg_01XFDUDYJgAACzvnptvVoYEL", t.responseId());
        assertEquals("claude-sonnet-4-20250514", t.responseModel());
        assertEquals("end_turn", t.finishReason());
        assertTrue(t.complete());
        assertNull(t.error());
    }

    @Test
    void anErrorEventMidStreamIsReportedWithThePartialAnswer() {
        Transcript t = protocol.readStream(SseReader.events(RecordedStreams.lines("anthropic-overloaded-stream.txt")));
        assertEquals(new VendorError("overloaded_error", "Overloaded"), t.error());
        assertEquals("def add", t.text());
        assertFalse(t.complete());
        assertEquals(41, t.inputTokens());
    }

    @Test
    void aRefusalStopReasonIsARefusal() {
        Transcript t = protocol.readStream(List.of(
                new SseEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\"},"
                        + "\"usage\":{\"output_tokens\":3}}", 1),
                new SseEvent("message_stop", "{\"type\":\"message_stop\"}", 2)));
        assertEquals("stop_reason refusal", t.refusal());
    }

    @Test
    void readsANonStreamedBody() {
        Transcript t = protocol.readBody("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
                 "content":[{"type":"text","text":"def f():"},{"type":"text","text":" pass"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":5}}""", 5);
        assertEquals("def f(): pass", t.text());
        assertEquals(12, t.inputTokens());
        assertEquals(5, t.outputTokens());
        assertTrue(t.complete());
    }

    @Test
    void requestPutsSystemApartAndTheSeedInMetadata() throws Exception {
        ChatPrompt prompt = new ChatPrompt(List.of(new ChatMessage("system", "be terse"), new ChatMessage("user", "hi")));
        JsonNode body = new ObjectMapper().readTree(protocol.body(ModelConfigs.anthropic("m", true), prompt, 987654));
        assertEquals("be terse", body.get("system").asText());
        assertEquals(1, body.get("messages").size());
        assertEquals("user", body.get("messages").get(0).get("role").asText());
        assertEquals("987654", body.get("metadata").get("user_id").asText());
        assertEquals(256, body.get("max_tokens").asInt());
        assertTrue(body.get("stream").asBoolean());
        assertEquals("http://127.0.0.1:1/v1/messages", protocol.uri(ModelConfigs.anthropic("m", true)).toString());
    }

    @Test
    void sendsTheKeyAsXApiKeyWithTheVersionHeader() {
        Map<String, String> headers = protocol.headers(
                new ConfiguredModel(ModelConfigs.anthropic("m", true), ApiKey.of("sk-ant-test-123456"), "h"));
        assertEquals("sk-ant-test-123456", headers.get("x-api-key"));
        assertEquals("2023-06-01", headers.get("anthropic-version"));
        assertFalse(headers.containsKey("Authorization"));
    }
}
