package io.evalwatch.simulator.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.simulator.task.SimTask;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quirks of real servers a simulated model can be configured to show (config field 'quirks'). */
@QuarkusTest
class QuirksTest {

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    private HttpResponse<String> stream(String model) throws Exception {
        SimTask task = Prompts.task("running-max");
        Map<String, Object> body = new HashMap<>(Prompts.chat(model, Prompts.userMessage(task), 7));
        body.put("stream", true);
        body.put("stream_options", Map.of("include_usage", true));
        return Sse.HTTP.send(HttpRequest.newBuilder(completions).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Sse.JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOldLlamaServerSendsItsErrorLineMidStreamThenDone() throws Exception {
        HttpResponse<String> response = stream("sim-llama-old");

        assertEquals(200, response.statusCode());
        List<String> lines = response.body().lines().filter(l -> !l.isEmpty()).toList();
        assertEquals(4, lines.size(), response.body()); // two tokens, the error line, [DONE]
        assertEquals("error: {\"code\":500,\"message\":\"context shift is disabled\",\"type\":\"server_error\"}",
                lines.get(2));
        assertEquals("data: [DONE]", lines.get(3));
    }

    @Test
    void aLoadingServerAnswers503ThenReasonsCachesAndAnswersAsAnotherModel() throws Exception {
        HttpResponse<String> loading = stream("sim-quirky");
        assertEquals(503, loading.statusCode());
        assertTrue(loading.body().contains("Loading model"), loading.body());

        HttpResponse<String> response = stream("sim-quirky");
        assertEquals(200, response.statusCode(), response.body());
        List<JsonNode> chunks = response.body().lines().filter(l -> l.startsWith("data: {"))
                .map(l -> new Sse.Event(null, l.substring(6), 0).json()).toList();
        assertTrue(chunks.stream().allMatch(c -> c.get("model").asText().equals("some-other-model")));
        assertEquals(3, chunks.stream().filter(c -> c.at("/choices/0/delta/reasoning_content").isTextual()).count());
        assertTrue(chunks.get(0).at("/choices/0/delta/reasoning_content").isTextual(), "reasoning comes first");
        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        assertEquals(5, usage.at("/prompt_tokens_details/cached_tokens").asInt());
        assertEquals(3, usage.at("/completion_tokens_details/reasoning_tokens").asInt());
    }
}
