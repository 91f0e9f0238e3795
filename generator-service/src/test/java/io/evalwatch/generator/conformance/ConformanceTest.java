package io.evalwatch.generator.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import io.evalwatch.generator.config.ApiKey;
import io.evalwatch.generator.config.ConfigHash;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.config.StructuredOutput;
import io.evalwatch.generator.extraction.CodeExtractor;
import io.evalwatch.generator.extraction.StructuredAnswer;
import io.evalwatch.generator.latency.HostLag;
import io.evalwatch.generator.latency.LatencyMeasurement;
import io.evalwatch.generator.prompt.ChatMessage;
import io.evalwatch.generator.prompt.ChatPrompt;
import io.evalwatch.generator.provider.Attempt;
import io.evalwatch.generator.provider.ContentPiece;
import io.evalwatch.generator.provider.VendorClient;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every transcript under {@code conformance/<protocol>/} through the real {@link VendorClient} against a
 * {@link PlaybackServer}, retrying as the generator does (while the failure is retryable and the transcript has
 * exchanges left), and checks the item it ends in: answer, retryable failure or final failure, with its tokens,
 * cost, response model, answer and reasoning.
 */
class ConformanceTest {

    /** The prompt every transcript answers: a system message and a task, as the generator sends them. */
    static final ChatPrompt PROMPT = new ChatPrompt(List.of(
            new ChatMessage("system", "You are a careful Python programmer. Answer with one fenced code block."),
            new ChatMessage("user", "Write a Python function add(a, b) that returns the sum of a and b.")));
    private static final int MAX_ATTEMPTS = 5;
    private static final HostLag NO_LAG = (from, to) -> null;

    @TestFactory
    Stream<DynamicTest> everyTranscriptEndsInTheItemItDeclares() throws IOException, URISyntaxException {
        Path root = Path.of(ConformanceTest.class.getResource("/conformance").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no transcripts under " + root);
        return files.stream().map(ConformanceCase::load)
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> replay(c)));
    }

    private static void replay(ConformanceCase c) throws Exception {
        try (PlaybackServer server = new PlaybackServer(c.exchanges())) {
            ModelConfig config = c.model(server.baseUrl());
            ConfiguredModel model = new ConfiguredModel(config, ApiKey.of("sk-conformance-0d1e2f3a4b5c"),
                    ConfigHash.of(config));
            VendorClient client = new VendorClient();
            Usage billed = Usage.zero();
            Attempt last;
            int attempts = 0;
            do {
                last = client.send(model, PROMPT, 42);
                attempts++;
                billed = billed.plus(last.usage());
            } while (!last.answered() && last.failure().retryable() && !server.exhausted() && attempts < MAX_ATTEMPTS);
            check(c, config, server, last, attempts, billed);
        }
    }

    private static void check(ConformanceCase c, ModelConfig config, PlaybackServer server, Attempt last,
            int attempts, Usage billed) {
        JsonNode expect = c.expect();
        String outcome = last.answered() ? "answer" : last.failure().retryable() ? "retryable" : "final";
        String seen = c.name() + ": ended as " + outcome + " after " + attempts + " attempt(s), failure "
                + last.failure() + ", usage " + billed + ", answer <" + last.transcript().text() + ">";
        assertEquals(expect.path("outcome").asText(), outcome, seen);
        if (expect.has("reason")) {
            assertEquals(expect.get("reason").asText(), last.failure().reason(), seen);
        }
        if (expect.has("message_contains")) {
            assertTrue(last.failure().message().contains(expect.get("message_contains").asText()), seen);
        }
        if (expect.has("attempts")) {
            assertEquals(expect.get("attempts").asInt(), attempts, seen);
        }
        if (expect.has("answer")) {
            assertEquals(expect.get("answer").asText(), last.transcript().text(), seen);
        }
        if (expect.has("code")) {
            String code = config.structuredOutput() == StructuredOutput.NONE
                    ? CodeExtractor.extract(last.transcript().text(), "add").code()
                    : StructuredAnswer.extract(last.transcript().text()).code();
            assertEquals(expect.get("code").asText(), code, seen);
        }
        if (expect.has("reasoning_contains")) {
            assertTrue(last.transcript().reasoningText().contains(expect.get("reasoning_contains").asText()), seen);
            assertFalse(last.transcript().text().contains(expect.get("reasoning_contains").asText()),
                    "reasoning never becomes part of the answer: " + seen);
            checkReasoningTimings(c, config, last);
        }
        if (expect.has("response_model")) {
            assertEquals(expect.get("response_model").asText(), last.transcript().responseModel(), seen);
        }
        if (expect.has("request_model")) {
            assertTrue(server.requestBodies().stream().allMatch(b -> b.contains(
                    "\"model\":\"" + expect.get("request_model").asText() + "\"")), server.requestBodies().toString());
        }
        if (expect.has("request_contains")) {
            String sent = expect.get("request_contains").asText();
            assertTrue(server.requestBodies().stream().allMatch(b -> b.contains(sent)), server.requestBodies().toString());
        }
        checkTokens(expect, billed, seen);
        if (expect.has("cost_usd")) {
            assertEquals(expect.get("cost_usd").asDouble(), config.prices().costOf(billed), 1e-12, seen);
        }
    }

    private static void checkTokens(JsonNode expect, Usage billed, String seen) {
        if (expect.has("input_tokens")) {
            assertEquals(expect.get("input_tokens").asInt(), billed.inputTokens(), "input tokens; " + seen);
        }
        if (expect.has("output_tokens")) {
            assertEquals(expect.get("output_tokens").asInt(), billed.outputTokens(), "output tokens; " + seen);
        }
        assertEquals(expect.path("cache_read_tokens").asInt(0), billed.cacheReadInputTokens(), "cache read; " + seen);
        assertEquals(expect.path("cache_write_tokens").asInt(0), billed.cacheWriteInputTokens(), "cache write; " + seen);
        assertEquals(expect.path("reasoning_tokens").asInt(0), billed.reasoningTokens(), "reasoning; " + seen);
        if (expect.has("estimated")) {
            assertEquals(expect.get("estimated").asBoolean(), billed.estimated(), "estimated; " + seen);
        }
    }

    /** A model that thinks first: TTFT is its first reasoning token, the first answer token comes later. */
    private static void checkReasoningTimings(ConformanceCase c, ModelConfig config, Attempt last) {
        List<ContentPiece> reasoning = last.transcript().reasoning();
        List<ContentPiece> answer = last.transcript().content();
        assertFalse(reasoning.isEmpty(), c.name());
        if (!config.stream() || answer.isEmpty()) {
            return;
        }
        List<Long> arrivals = Stream.concat(reasoning.stream(), answer.stream()).map(ContentPiece::arrivedNanos)
                .sorted().toList();
        Timings t = LatencyMeasurement.of(0, last.startNanos(), last.endNanos(), arrivals, answer.get(0).arrivedNanos(),
                last.usage().outputTokens(), true, NO_LAG);
        assertNotNull(t.firstAnswerTokenSeconds(), c.name());
        assertEquals(reasoning.get(0).arrivedNanos(), arrivals.get(0), "the first token was reasoning: " + c.name());
        assertTrue(t.ttftSeconds() <= t.firstAnswerTokenSeconds(), c.name() + ": " + t);
    }
}
