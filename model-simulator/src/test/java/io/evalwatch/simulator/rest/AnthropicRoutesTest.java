package io.evalwatch.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.ProfileFile;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.truth.VendorTrouble;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AnthropicRoutesTest {

    private static final Map<String, String> HEADERS = Map.of("x-api-key", "any", "anthropic-version", "2023-06-01");

    @TestHTTPResource("/v1/messages")
    URI messages;

    @Test
    void streamsTheMessageEventsInOrder() throws Exception {
        SimTask task = Prompts.task("running-max");
        Response whole = given().contentType(ContentType.JSON).headers(HEADERS).body(body(task, 77, false))
                .post("/v1/messages");
        assertEquals(200, whole.statusCode(), whole.asString());
        JsonNode message = whole.as(JsonNode.class);
        assertEquals("message", message.get("type").asText());
        assertEquals("end_turn", message.get("stop_reason").asText());
        String text = message.at("/content/0/text").asText();

        Sse.Stream stream = Sse.post(messages, body(task, 77, true), HEADERS);
        assertEquals(200, stream.status());
        List<Sse.Event> events = stream.events();
        List<String> names = events.stream().map(Sse.Event::name).distinct().toList();
        assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop"), names);
        for (Sse.Event event : events) {
            assertEquals(event.name(), event.json().get("type").asText());
        }
        assertEquals("sim-alpha", events.get(0).json().at("/message/model").asText());
        List<JsonNode> deltas = events.stream().filter(e -> e.name().equals("content_block_delta"))
                .map(Sse.Event::json).toList();
        deltas.forEach(d -> assertEquals("text_delta", d.at("/delta/type").asText()));
        assertEquals(text, deltas.stream().map(d -> d.at("/delta/text").asText()).collect(Collectors.joining()));
        JsonNode messageDelta = events.stream().filter(e -> e.name().equals("message_delta")).findFirst()
                .orElseThrow().json();
        assertEquals(deltas.size(), messageDelta.at("/usage/output_tokens").asInt());
        assertEquals(message.at("/usage/output_tokens").asInt(), deltas.size());
        assertEquals("end_turn", messageDelta.at("/delta/stop_reason").asText());
    }

    @Test
    void theSeedComesFromMetadataUserId() {
        SimTask task = Prompts.task("is-prime");
        String viaAnthropic = given().contentType(ContentType.JSON).headers(HEADERS).body(body(task, 31337, false))
                .post("/v1/messages").then().statusCode(200).extract().path("content[0].text");
        String viaOpenAi = OpenAiRoutesTest.completion("sim-alpha", Prompts.userMessage(task), 31337)
                .at("/choices/0/message/content").asText();
        assertEquals(viaOpenAi, viaAnthropic);
    }

    @Test
    void vendorTroubleAndRequiredHeaders() {
        ModelVersion flaky = ProfileFile.load(Path.of("src/test/resources/simulator-test.yaml"))
                .model("sim-flaky").scheduledAt(Instant.now());
        long seed = 6_000_000;
        while (flaky.trouble(seed, 0) != VendorTrouble.UNAVAILABLE) {
            seed++;
        }
        Map<String, Object> request = new java.util.HashMap<>(body(Prompts.task("count-words"), seed, false));
        request.put("model", "sim-flaky");
        Response overloaded = given().contentType(ContentType.JSON).headers(HEADERS).body(request)
                .post("/v1/messages");
        assertEquals(529, overloaded.statusCode());
        assertEquals("overloaded_error", overloaded.jsonPath().getString("error.type"));
        assertEquals("3", overloaded.header("retry-after"));

        Response noVersion = given().contentType(ContentType.JSON).header("x-api-key", "k")
                .body(body(Prompts.task("count-words"), 1, false)).post("/v1/messages");
        assertEquals(400, noVersion.statusCode());
        assertTrue(noVersion.jsonPath().getString("error.message").contains("anthropic-version"));
    }

    private static Map<String, Object> body(SimTask task, long seed, boolean stream) {
        return Map.of("model", "sim-alpha", "max_tokens", 1024, "stream", stream,
                "system", "You write code.",
                "metadata", Map.of("user_id", String.valueOf(seed)),
                "messages", List.of(Map.of("role", "user",
                        "content", List.of(Map.of("type", "text", "text", Prompts.userMessage(task))))));
    }
}
