package io.evalwatch.generator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small scripted vendor for tests that need exact, hostile or impossible-to-provoke behaviour on both protocols.
 * The requested model id picks the script:
 * <ul>
 * <li>{@code ok}: a fenced Python answer, {@value #TOKENS} tokens, first after {@value #TTFT_MS} ms, then one every
 * {@value #INTERVAL_MS} ms, with usage;</li>
 * <li>{@code limited-once}: the first attempt of each seed gets 429 with retry-after-ms 50, later ones {@code ok};</li>
 * <li>{@code cut-once}: the first attempt of each seed sends three tokens and ends without its end marker;</li>
 * <li>{@code always-500}: HTTP 500 every time; {@code echo-key}: 401 whose body repeats the key it was sent;</li>
 * <li>{@code late-tail}: as {@code ok}, but the tokens after the first follow {@value #TAIL_PAUSE_MS} ms later (when
 * the last was sent is kept: {@link #lastTokenSentNanos()});</li>
 * <li>{@code slow}: never answers; {@code garbage}: a chunk that is not JSON; {@code refuse}: a refusal.</li>
 * </ul>
 */
public final class StubVendor implements AutoCloseable {

    public static final int TOKENS = 8;
    public static final int TTFT_MS = 120;
    public static final int INTERVAL_MS = 10;
    public static final int TAIL_PAUSE_MS = 1000;
    public static final int PROMPT_TOKENS = 42;
    /** What the "judge-4" script answers: a reply in the rubric's format. */
    public static final List<String> JUDGE_REPLY = List.of("Score:", " 4", "\n", "Rationale:", " adds", " correctly",
            ",", " untested.");
    public static final List<String> ANSWER = List.of("```python\n", "def add", "(a, b):\n", "    return", " a", " +", " b\n", "```");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long lastTokenSentNanos;

    public StubVendor() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, false));
        server.createContext("/v1/messages", exchange -> handle(exchange, true));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int requests() {
        return requests.get();
    }

    /** {@link System#nanoTime()} just after the last token of the latest {@code late-tail} answer was flushed. */
    public long lastTokenSentNanos() {
        return lastTokenSentNanos;
    }

    private void handle(HttpExchange exchange, boolean anthropic) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            String model = body.path("model").asText();
            String seed = anthropic ? body.path("metadata").path("user_id").asText() : body.path("seed").asText();
            int attempt = attempts.computeIfAbsent(model + "/" + seed, k -> new AtomicInteger()).getAndIncrement();
            exchange.getResponseHeaders().set("x-request-id", "req-" + model + "-" + seed + "-" + attempt);
            switch (model) {
                case "limited-once" -> {
                    if (attempt == 0) {
                        exchange.getResponseHeaders().set("retry-after-ms", "50");
                        exchange.getResponseHeaders().set("retry-after", "1");
                        error(exchange, 429, "rate_limit_exceeded", "Rate limit reached. Please try again later.");
                    } else {
                        answer(exchange, anthropic, model, TOKENS);
                    }
                }
                case "cut-once" -> answer(exchange, anthropic, model, attempt == 0 ? 3 : TOKENS);
                case "always-500" -> error(exchange, 500, "server_error", "The server had an error processing your request.");
                case "echo-key" -> {
                    String auth = exchange.getRequestHeaders().getFirst(anthropic ? "x-api-key" : "Authorization");
                    error(exchange, 401, "invalid_request_error", "Incorrect API key provided: " + auth
                            + ". You can find your API key at https://example.invalid/keys.");
                }
                // never answers while the stub runs (close() interrupts it): only the client's own timeout ends it
                case "slow" -> sleep(Long.MAX_VALUE);
                case "garbage" -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().write("data: {not json\n\n".getBytes(StandardCharsets.UTF_8));
                }
                case "refuse" -> refuse(exchange);
                case "judge-4" -> answer(exchange, anthropic, model, TOKENS, JUDGE_REPLY);
                case "late-tail" -> answer(exchange, anthropic, model, TOKENS, ANSWER, TAIL_PAUSE_MS);
                default -> answer(exchange, anthropic, model, TOKENS);
            }
        }
    }

    private void answer(HttpExchange exchange, boolean anthropic, String model, int tokens) throws IOException {
        answer(exchange, anthropic, model, tokens, ANSWER);
    }

    private void answer(HttpExchange exchange, boolean anthropic, String model, int tokens, List<String> pieces)
            throws IOException {
        answer(exchange, anthropic, model, tokens, pieces, INTERVAL_MS);
    }

    /** An answer whose second token follows the first after tailPauseMillis (the others INTERVAL_MS apart). */
    private void answer(HttpExchange exchange, boolean anthropic, String model, int tokens, List<String> pieces,
            long tailPauseMillis) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        boolean whole = tokens == TOKENS;
        if (anthropic) {
            event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_stub\",\"model\":\"" + model
                    + "-20250101\",\"usage\":{\"input_tokens\":" + PROMPT_TOKENS + ",\"output_tokens\":1}}}");
            event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        } else {
            event(out, null, "{\"id\":\"chatcmpl-stub\",\"model\":\"" + model + "-2025\",\"system_fingerprint\":\"fp_stub\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        }
        sleep(TTFT_MS);
        for (int i = 0; i < tokens; i++) {
            if (i > 0) {
                sleep(i == 1 ? tailPauseMillis : INTERVAL_MS);
            }
            String text = JSON.writeValueAsString(pieces.get(i));
            if (anthropic) {
                event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + text + "}}");
            } else {
                event(out, null, "{\"id\":\"chatcmpl-stub\",\"model\":\"" + model + "-2025\",\"system_fingerprint\":\"fp_stub\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + text + "},\"finish_reason\":null}]}");
            }
        }
        lastTokenSentNanos = System.nanoTime();
        if (!whole) {
            return; // the stream just stops: no finish, no usage, no end marker
        }
        if (anthropic) {
            event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":" + tokens + "}}");
            event(out, "message_stop", "{\"type\":\"message_stop\"}");
        } else {
            event(out, null, "{\"id\":\"chatcmpl-stub\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            event(out, null, "{\"id\":\"chatcmpl-stub\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS
                    + ",\"completion_tokens\":" + tokens + ",\"total_tokens\":" + (PROMPT_TOKENS + tokens) + "}}");
            event(out, null, "[DONE]");
        }
    }

    private void refuse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, null, "{\"id\":\"chatcmpl-r\",\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't help with that.\"},\"finish_reason\":null}]}");
        event(out, null, "{\"id\":\"chatcmpl-r\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        event(out, null, "{\"id\":\"chatcmpl-r\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":6}}");
        event(out, null, "[DONE]");
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("type", type).put("message", message);
        byte[] bytes = JSON.writeValueAsBytes(error);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
