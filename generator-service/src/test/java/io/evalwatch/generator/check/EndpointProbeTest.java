package io.evalwatch.generator.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.generator.config.ApiKey;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelCatalogFile;
import io.evalwatch.generator.conformance.PlaybackServer;
import io.evalwatch.generator.conformance.PlaybackServer.Exchange;
import io.evalwatch.generator.provider.VendorClient;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The endpoint check against scripted servers: what each kind of misconfiguration looks like in its checklist. */
class EndpointProbeTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> SSE = Map.of("Content-Type", "text/event-stream");

    private static ConfiguredModel model(String endpoint, String modelId, String extra) {
        String yaml = "models:\n  - name: probe-me\n    provider: openai\n    endpoint: " + endpoint + "/v1\n"
                + "    model_id: " + modelId + "\n    api_key_env: PROBE_KEY\n"
                + "    price_per_million_tokens: {input: 0.15, output: 0.60}\n" + extra;
        return new ConfiguredModel(ModelCatalogFile.parse("t.yaml", yaml, n -> null).get(0),
                ApiKey.of("sk-probe-test-1a2b3c4d5e"), "hash");
    }

    private static Exchange json(int status, String body) {
        return new Exchange(status, JSON, body.getBytes(StandardCharsets.UTF_8), true, false, false, false);
    }

    private static Exchange stream(String file) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(EndpointProbeTest.class.getResource("/conformance/" + file).toURI()));
        return new Exchange(200, SSE, body, true, true, false, false);
    }

    private static Map<String, String> statuses(ModelCheck check) {
        return check.checks().stream().collect(Collectors.toMap(CheckItem::check, CheckItem::status));
    }

    @Test
    void aWellConfiguredEndpointPassesEveryCheck() throws Exception {
        try (PlaybackServer server = new PlaybackServer(List.of(
                json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\"}]}"),
                stream("openai/usage-chunk-cached.sse"),
                json(404, "{\"error\":{\"message\":\"The model `gpt-4o-mini-evalwatch-probe-no-such-model` does not"
                        + " exist\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}")))) {
            ModelCheck check = new EndpointProbe(new VendorClient()).check(model(server.baseUrl(), "gpt-4o-mini", ""));

            assertTrue(check.ok(), check.toString());
            assertEquals(Map.of("reachable", "pass", "key accepted", "pass", "model listed", "pass",
                    "streamed answer with usage", "pass", "model id echoed", "pass", "errors are reported", "pass"),
                    statuses(check), check.toString());
            assertTrue(server.requestBodies().get(1).contains("\"max_tokens\":16"), "the probe asks for a tiny answer");
        }
    }

    @Test
    void aServerThatIgnoresTheModelIdFailsWithWhatToFix() throws Exception {
        try (PlaybackServer server = new PlaybackServer(List.of(
                json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf\"}]}"),
                stream("llama-cpp/answers-as-its-own-model.sse"),
                stream("llama-cpp/answers-as-its-own-model.sse")))) {
            ModelCheck check = new EndpointProbe(new VendorClient()).check(model(server.baseUrl(), "no-such-model", ""));

            assertFalse(check.ok());
            Map<String, String> statuses = statuses(check);
            assertEquals("fail", statuses.get("model listed"));
            assertEquals("fail", statuses.get("model id echoed"));
            assertEquals("warn", statuses.get("errors are reported"), "model_mismatch catches what the server does not");
            CheckItem echoed = check.checks().stream().filter(c -> c.check().equals("model id echoed")).findFirst()
                    .orElseThrow();
            assertTrue(echoed.fix().contains("accepted_model_ids"), echoed.fix());
        }
    }

    @Test
    void aRefusedKeyStopsTheCheckAndNamesTheVariable() throws Exception {
        try (PlaybackServer server = new PlaybackServer(List.of(json(401,
                "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}")))) {
            ModelCheck check = new EndpointProbe(new VendorClient()).check(model(server.baseUrl(), "gpt-4o-mini", ""));

            assertFalse(check.ok());
            assertEquals("fail", statuses(check).get("key accepted"));
            assertEquals("skip", statuses(check).get("streamed answer with usage"));
            assertTrue(check.checks().get(1).fix().contains("PROBE_KEY"), check.toString());
            assertFalse(check.toString().contains("sk-probe-test-1a2b3c4d5e"), "the key never shows");
        }
    }

    @Test
    void anUnreachableEndpointSaysSo() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ModelCheck check = new EndpointProbe(new VendorClient()).check(model("http://127.0.0.1:" + port, "m", ""));

        assertFalse(check.ok());
        assertEquals("fail", check.checks().get(0).status());
        assertTrue(check.checks().get(0).fix().contains("endpoint"), check.toString());
    }
}
