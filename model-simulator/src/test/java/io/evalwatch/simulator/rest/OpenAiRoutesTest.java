package io.evalwatch.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.FewShotExample;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.simulator.answer.AnswerComposer;
import io.evalwatch.simulator.answer.MutationCheck;
import io.evalwatch.simulator.answer.SimulatedAnswer;
import io.evalwatch.simulator.answer.Tokens;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.ProfileFile;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.task.SimTwins;
import io.evalwatch.simulator.truth.AnswerKind;
import io.evalwatch.simulator.truth.Truth;
import io.evalwatch.simulator.truth.VendorTrouble;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OpenAiRoutesTest {

    private static final ModelVersion ALPHA = ProfileFile.load(Path.of("src/test/resources/simulator-test.yaml"))
            .model("sim-alpha").scheduledAt(Instant.now());

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    @Test
    void aPromptVariantIsRecognisedFromThePromptAndAnsweredInItsFormat() throws Exception {
        SimTask task = Prompts.task("is-prime");
        String base = Prompts.userMessage(task);
        List<FewShotExample> examples = Prompts.tasks().stream().filter(t -> !t.id().equals(task.id())).limit(3)
                .map(t -> new FewShotExample(t.id(), t.prompt(), t.reference())).toList();
        String reference = task.reference().strip();
        for (long seed = 200; seed < 205; seed++) {
            // the bare prompt never gets the reference; every variant the profile names does
            String plain = content(completion("sim-prompted", base, seed));
            assertFalse(plain.contains(reference), plain);
            String fewShot = content(completion("sim-prompted",
                    PromptVariant.FEW_SHOT.apply(base, examples, task.language()), seed));
            assertEquals("```python\n" + reference + "\n```", fewShot, "the examples' tasks are not the task");
            String structured = content(completion("sim-prompted",
                    PromptVariant.STRUCTURED.apply(base, List.of(), task.language()), seed));
            assertEquals(reference, new ObjectMapper().readTree(structured).get("code").asText());
            String thought = content(completion("sim-prompted",
                    PromptVariant.CHAIN_OF_THOUGHT.apply(base, List.of(), task.language()), seed));
            assertTrue(thought.startsWith("Let me reason step by step."), thought);
            assertTrue(thought.endsWith("```python\n" + reference + "\n```"), thought);
        }
    }

    @Test
    void aTwinIsRecognisedFromItsPromptAndAMemoriserFailsItWhileAnHonestModelAnswersItsReference() {
        for (String id : List.of("is-prime", "count-words")) {
            SimTask task = Prompts.task(id);
            SimTask twin = SimTwins.of(task).orElseThrow();
            String twinReference = twin.reference().strip();
            assertNotEquals(task.entryPoint(), twin.entryPoint());
            for (long seed = 300; seed < 305; seed++) {
                assertEquals("```python\n" + task.reference().strip() + "\n```",
                        content(completion("sim-memoriser", Prompts.userMessage(task), seed)));
                String memorised = content(completion("sim-memoriser", Prompts.userMessage(twin), seed));
                assertFalse(memorised.contains(twinReference), memorised);
                // the twin's reference, renamed as its tests are: what passes the twin in the sandbox
                assertEquals("```python\n" + twinReference + "\n```",
                        content(completion("sim-honest", Prompts.userMessage(twin), seed)));
            }
        }
    }

    private static String content(JsonNode body) {
        return body.at("/choices/0/message/content").asText();
    }

    @Test
    void listsTheModels() {
        given().get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItems("sim-alpha", "sim-timed", "sim-flaky"));
    }

    @Test
    void aJudgePromptIsGradedFiveForTheReferenceAndBySeedOtherwise() {
        SimTask task = Prompts.task("is-prime");
        long seed = 4242;
        String judged = completion("sim-alpha", Prompts.judgeMessage(task, "  " + task.reference().replace("\n", "\n\n")),
                seed).at("/choices/0/message/content").asText();
        assertEquals("Score: 5", judged.lines().findFirst().orElseThrow(), "the reference, whitespace aside");
        assertTrue(judged.lines().skip(1).findFirst().orElseThrow().startsWith("Rationale: "), judged);

        String wrong = task.reference().replaceFirst("return", "return not");
        for (long s = seed; s < seed + 5; s++) {
            String reply = completion("sim-alpha", Prompts.judgeMessage(task, wrong), s)
                    .at("/choices/0/message/content").asText();
            assertEquals("Score: " + Truth.judgeScore(ALPHA.seed(), task.id(), s, task.reference(), wrong),
                    reply.lines().findFirst().orElseThrow());
        }
    }

    @Test
    void answersFollowTheTruth() {
        List<SimTask> tasks = new ArrayList<>(Prompts.tasks());
        tasks.sort(Comparator.comparing(SimTask::id));
        // the test profile turns the Python checks off, so the first candidate of each mistake is served
        AnswerComposer composer = new AnswerComposer(MutationCheck.ASSUME_FAILS);
        SimTask task = Prompts.task("is-prime");
        int references = 0;
        for (long seed = 100; seed < 120; seed++) {
            AnswerKind kind = Truth.decide(ALPHA.seed(), ALPHA.passProbability(), ALPHA.mutationWeights(), task.id(),
                    seed);
            JsonNode body = completion("sim-alpha", Prompts.userMessage(task), seed);
            String content = body.at("/choices/0/message/content").asText();
            if (kind != AnswerKind.WRONG_PROBLEM) {
                // the neighbouring problem depends on every task registered, which other tests may extend
                SimulatedAnswer expected = composer.answer(ALPHA, task, tasks, seed);
                assertEquals(expected.content(), content, "seed " + seed + " " + kind);
            }
            if (kind == AnswerKind.REFERENCE) {
                references++;
                assertEquals("```python\n" + task.reference().strip() + "\n```", content);
            }
            assertEquals("fp_test_a1", body.get("system_fingerprint").asText());
            assertEquals("sim-alpha", body.get("model").asText());
            assertEquals("stop", body.at("/choices/0/finish_reason").asText());
            int completionTokens = body.at("/usage/completion_tokens").asInt();
            assertEquals(Tokens.split(content).size(), completionTokens);
            assertEquals(body.at("/usage/prompt_tokens").asInt() + completionTokens,
                    body.at("/usage/total_tokens").asInt());
        }
        assertTrue(references > 8, "about 80% of 20 seeds answer with the reference: " + references);
    }

    @Test
    void streamsChunksThenUsageThenDone() throws Exception {
        SimTask task = Prompts.task("running-max");
        long seed = 4242;
        String whole = completion("sim-alpha", Prompts.userMessage(task), seed)
                .at("/choices/0/message/content").asText();
        Map<String, Object> body = new java.util.HashMap<>(Prompts.chat("sim-alpha", Prompts.userMessage(task), seed));
        body.put("stream", true);
        body.put("stream_options", Map.of("include_usage", true));
        Sse.Stream stream = Sse.post(completions, body, Map.of("Authorization", "Bearer any-key"));
        assertEquals(200, stream.status());
        assertTrue(stream.headers().get("content-type").get(0).startsWith("text/event-stream"));
        List<Sse.Event> events = stream.events();
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(Sse.Event::json).toList();
        String id = chunks.get(0).get("id").asText();
        for (JsonNode chunk : chunks) {
            assertEquals(id, chunk.get("id").asText());
            assertEquals("sim-alpha", chunk.get("model").asText());
            assertEquals("fp_test_a1", chunk.get("system_fingerprint").asText());
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
        }
        assertEquals("assistant", chunks.get(0).at("/choices/0/delta/role").asText());
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertTrue(usage.get("choices").isArray() && usage.get("choices").isEmpty());
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertEquals("stop", finish.at("/choices/0/finish_reason").asText());
        List<JsonNode> content = chunks.subList(0, chunks.size() - 2);
        String streamed = content.stream().map(c -> c.at("/choices/0/delta/content").asText())
                .collect(Collectors.joining());
        assertEquals(whole, streamed, "streaming and non-streaming give the same answer for a seed");
        assertEquals(content.size(), usage.at("/usage/completion_tokens").asInt());
        assertEquals(usage.at("/usage/prompt_tokens").asInt() + content.size(),
                usage.at("/usage/total_tokens").asInt());
        assertTrue(chunks.get(0).get("usage").isNull());
    }

    /**
     * What holds on any machine, however loaded: no first token and no last token before its due time, and the
     * server publishes how late it wrote them. How close to due they arrive depends on the machine's load, so that
     * is measured by the generator benchmark (bench/generator), not asserted here.
     */
    @Test
    void firstTokensAndPaceAreNeverEarlyAndLatenessIsPublished() throws Exception {
        // sim-timed: ttft 200 ms, 100 tokens/s
        measure(1, 7);
        measure(32, 32);
        String metrics = given().get("/q/metrics").asString();
        double medianLateness = metrics.lines()
                .filter(l -> l.startsWith("evalwatch_simulator_first_token_lateness_seconds{")
                        && l.contains("model=\"sim-timed\"") && l.contains("quantile=\"0.5\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
        assertTrue(medianLateness >= 0, "lateness is measured from the due time: " + medianLateness);
    }

    private void measure(int concurrency, int requests) throws Exception {
        SimTask task = Prompts.task("sum-range");
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Sse.Stream>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Map<String, Object> body = new java.util.HashMap<>(
                        Prompts.chat("sim-timed", Prompts.userMessage(task), 900 + i));
                body.put("stream", true);
                futures.add(pool.submit(() -> Sse.post(completions, body, Map.of())));
            }
            List<Double> ttfts = new ArrayList<>();
            List<Double> lateness = new ArrayList<>();
            for (Future<Sse.Stream> future : futures) {
                List<Sse.Event> events = future.get().events();
                ttfts.add(events.get(0).nanosAfterSend() / 1e6);
                // the last content token (before the finish chunk and [DONE]) is due at ttft + (n - 1) / 100 s
                int tokens = events.size() - 2;
                lateness.add(events.get(tokens - 1).nanosAfterSend() / 1e6 - (200 + (tokens - 1) * 10.0));
            }
            ttfts.sort(Double::compare);
            lateness.sort(Double::compare);
            System.out.printf("concurrency %d: median ttft %.1f ms (min %.1f, max %.1f), median last-token lateness"
                    + " %.1f ms%n", concurrency, ttfts.get(ttfts.size() / 2), ttfts.get(0),
                    ttfts.get(ttfts.size() - 1), lateness.get(lateness.size() / 2));
            assertTrue(ttfts.get(0) >= 199.0, "a first token is never early: " + ttfts);
            assertTrue(lateness.get(0) >= -1.0, "a last token is never early: " + lateness);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rateLimitsWithRetryAfterAndARetryCanSucceed() {
        ModelVersion flaky = ProfileFile.load(Path.of("src/test/resources/simulator-test.yaml"))
                .model("sim-flaky").scheduledAt(Instant.now());
        long seed = firstSeed(flaky, VendorTrouble.RATE_LIMITED);
        SimTask task = Prompts.task("count-words");
        Response first = post("sim-flaky", Prompts.userMessage(task), seed);
        assertEquals(429, first.statusCode());
        assertEquals("3", first.header("Retry-After"));
        assertEquals("rate_limit_exceeded", first.jsonPath().getString("error.code"));
        Response second = post("sim-flaky", Prompts.userMessage(task), seed);
        assertEquals(200, second.statusCode(), "attempt 1 of this seed draws no trouble");

        long unavailable = firstSeed(flaky, VendorTrouble.UNAVAILABLE);
        Response busy = post("sim-flaky", Prompts.userMessage(task), unavailable);
        assertEquals(503, busy.statusCode());
        assertEquals("3", busy.header("Retry-After"));
        assertEquals("server_error", busy.jsonPath().getString("error.type"));
    }

    private static long firstSeed(ModelVersion version, VendorTrouble wanted) {
        // seeds no other test uses, so the attempt counters start at 0
        for (long seed = 5_000_000; ; seed++) {
            if (version.trouble(seed, 0) == wanted && version.trouble(seed, 1) == VendorTrouble.NONE) {
                return seed;
            }
        }
    }

    @Test
    void unknownModelsPromptsAndBadRequests() {
        Response missing = post("gpt-nonexistent", "hello", 1);
        assertEquals(404, missing.statusCode());
        assertEquals("model_not_found", missing.jsonPath().getString("error.code"));

        JsonNode generic = completion("sim-alpha", "Tell me a joke about compilers.", 1);
        assertEquals(AnswerComposer.UNKNOWN_TASK_TEXT, generic.at("/choices/0/message/content").asText());

        given().contentType(ContentType.JSON).body("{\"model\": \"sim-alpha\"}").post("/v1/chat/completions")
                .then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("evalwatch_simulator_unknown_prompts_total"));
    }

    @Test
    void maxTokensTruncates() {
        Map<String, Object> body = new java.util.HashMap<>(
                Prompts.chat("sim-alpha", Prompts.userMessage(Prompts.task("is-prime")), 3));
        body.put("max_tokens", 5);
        JsonNode reply = given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                .then().statusCode(200).extract().as(JsonNode.class);
        assertEquals("length", reply.at("/choices/0/finish_reason").asText());
        assertEquals(5, reply.at("/usage/completion_tokens").asInt());
        assertFalse(reply.at("/choices/0/message/content").asText().isEmpty());
    }

    static JsonNode completion(String model, String message, long seed) {
        Response response = post(model, message, seed);
        assertEquals(200, response.statusCode(), response.asString());
        assertNotNull(response.header("x-system-fingerprint"));
        return response.as(JsonNode.class);
    }

    static Response post(String model, String message, long seed) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer test-key")
                .body(Prompts.chat(model, message, seed)).post("/v1/chat/completions");
    }
}
