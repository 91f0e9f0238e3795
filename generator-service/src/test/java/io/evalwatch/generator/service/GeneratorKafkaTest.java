package io.evalwatch.generator.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError.Reasons;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.JudgeCompleted;
import io.evalwatch.events.JudgeSpec;
import io.evalwatch.events.judge.JudgeRubrics;
import io.evalwatch.events.serde.JudgeCompletedDeserializer;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.Topics;
import io.evalwatch.events.Usage;
import io.evalwatch.generator.testing.EvalTopics;
import io.evalwatch.generator.testing.StubVendor;
import io.evalwatch.generator.tokens.TokenCounter;
import io.evalwatch.generator.testing.StubVendorResource;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka path end to end: eval.tasks in, one GenerationCompleted per item out, against scripted vendors. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubVendorResource.class, restrictToAnnotatedClass = true)
class GeneratorKafkaTest {

    /** How long an expected record may take: generous, since a loaded machine is slow; a passing wait ends early. */
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static EvalTopics topics;

    @BeforeAll
    static void connect() {
        topics = new EvalTopics(KafkaTestResource.broker().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    private static String newRun() {
        return "run-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, GenerationCompleted> byModel(List<ConsumerRecord<String, GenerationCompleted>> records) {
        return records.stream().collect(Collectors.toMap(r -> r.value().model(), ConsumerRecord::value, (a, b) -> a));
    }

    @Test
    void answersOnBothProtocolsWithTimingsCostProvenanceAndCode() {
        String run = newRun();
        TaskDispatched openai = EvalTopics.item(run, "stub-openai", 0, EvalTopics.addTask());
        TaskDispatched anthropic = EvalTopics.item(run, "stub-anthropic", 0, EvalTopics.addTask());
        topics.dispatch(openai);
        topics.dispatch(anthropic);
        List<ConsumerRecord<String, GenerationCompleted>> records = topics.awaitRun(run, r -> r.size() >= 2, WAIT);
        assertEquals(2, records.size());
        for (ConsumerRecord<String, GenerationCompleted> record : records) {
            GenerationCompleted g = record.value();
            assertEquals(g.itemId(), record.key(), "keyed by item id");
            assertNull(g.error(), String.valueOf(g.error()));
            assertEquals(1, g.attempts());
            assertEquals("def add(a, b):\n    return a + b", g.code());
            assertEquals("fenced", g.codeFormat());
            assertEquals(new Usage(StubVendor.PROMPT_TOKENS, StubVendor.TOKENS), g.usage());
            assertEquals((StubVendor.PROMPT_TOKENS * 2.0 + StubVendor.TOKENS * 10.0) / 1e6, g.costUsd(), 1e-12);
            assertTrue(g.timings().ttftSeconds() >= StubVendor.TTFT_MS / 1000.0, g.timings().toString());
            // the first token, not a later one: the rest of the stream (at least TOKENS - 1 intervals) comes after
            // it. Exact fidelity is checked against the simulator (GenerationFidelityIT); no bound on a slow machine.
            assertTrue(g.timings().durationSeconds() - g.timings().ttftSeconds()
                    >= (StubVendor.TOKENS - 1) * StubVendor.INTERVAL_MS / 1000.0, g.timings().toString());
            assertNotNull(g.timings().interTokenP50Seconds());
            assertNotNull(g.timings().outputTokensPerSecond());
            assertTrue(g.timings().queueSeconds() >= 0);
            assertEquals(64, g.provenance().promptHash().length());
            assertEquals(64, g.provenance().configHash().length());
            assertEquals("ok", g.provenance().requestedModelId());
            assertTrue(g.provenance().requestId().startsWith("req-ok-" + ItemIds.seedOf(g.itemId())),
                    "the seed of the item reached the vendor: " + g.provenance().requestId());
            assertEquals("unit", g.suite());
            assertEquals("1.0.0", g.suiteVersion());
            assertEquals("base", g.variant());
            assertEquals("add-two", g.task().id());
            assertNotNull(g.dispatchedAt());
        }
        Map<String, GenerationCompleted> models = byModel(records);
        assertEquals("openai", models.get("stub-openai").provenance().provider());
        assertEquals("ok-2025", models.get("stub-openai").provenance().responseModelId());
        assertEquals("fp_stub", models.get("stub-openai").provenance().systemFingerprint());
        assertEquals("anthropic", models.get("stub-anthropic").provenance().provider());
        assertEquals("ok-20250101", models.get("stub-anthropic").provenance().responseModelId());
        assertEquals(models.get("stub-openai").provenance().promptHash(),
                models.get("stub-anthropic").provenance().promptHash(), "same messages, same hash, any protocol");
    }

    @Test
    void retriesAreCountedAndEveryAttemptIsBilled() {
        String run = newRun();
        topics.dispatch(EvalTopics.item(run, "stub-limited", 0, EvalTopics.addTask()));
        topics.dispatch(EvalTopics.item(run, "stub-cut", 0, EvalTopics.addTask()));
        Map<String, GenerationCompleted> models = byModel(topics.awaitRun(run, r -> r.size() >= 2, WAIT));

        GenerationCompleted limited = models.get("stub-limited");
        assertNull(limited.error());
        assertEquals(2, limited.attempts());
        assertEquals(new Usage(StubVendor.PROMPT_TOKENS, StubVendor.TOKENS), limited.usage(), "a 429 bills nothing");
        assertTrue(limited.timings().queueSeconds() >= 0.05, "the Retry-After wait is queue time: " + limited.timings());

        GenerationCompleted cut = models.get("stub-cut");
        assertNull(cut.error());
        assertEquals(2, cut.attempts());
        // the cut attempt reported its input tokens and sent 3 chunks before the stream stopped: what arrived is
        // counted with the tokenizer, and the sum is marked estimated
        int received = TokenCounter.forModelId("cut-once").count(String.join("", StubVendor.ANSWER.subList(0, 3)));
        assertEquals(new Usage(2 * StubVendor.PROMPT_TOKENS, received + StubVendor.TOKENS, 0, 0, 0, true), cut.usage());
        assertEquals((2 * StubVendor.PROMPT_TOKENS * 2.0 + (received + StubVendor.TOKENS) * 10.0) / 1e6, cut.costUsd(),
                1e-12);

        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("evalwatch_generation_retries_total{model=\"stub-limited\",reason=\"rate_limited\"}"), metrics);
        assertTrue(metrics.contains("evalwatch_generation_retries_total{model=\"stub-cut\",reason=\"bad_response\"}"), metrics);
    }

    @Test
    void aFailingVendorEndsItemsWithAReasonAndOpensTheBreaker() {
        String run = newRun();
        topics.dispatch(EvalTopics.item(run, "stub-down", 0, EvalTopics.addTask()));
        GenerationCompleted first = topics.awaitRun(run, r -> r.size() >= 1, WAIT).get(0).value();
        assertEquals(Reasons.SERVER_ERROR, first.error().reason());
        assertEquals(500, first.error().httpStatus());
        assertEquals(3, first.attempts());
        assertEquals(3, first.error().attempts());
        assertTrue(first.error().message().contains("gave up after 3 attempts"), first.error().message());
        assertEquals("none", first.codeFormat());
        assertNull(first.code());

        topics.dispatch(EvalTopics.item(run, "stub-down", 1, EvalTopics.addTask()));
        GenerationCompleted second = topics.awaitRun(run, r -> r.size() >= 2, WAIT).stream()
                .filter(r -> r.value().sample() == 1).findFirst().orElseThrow().value();
        assertEquals(Reasons.SERVER_ERROR, second.error().reason());
        assertEquals(0, second.attempts(), "refused by the open breaker without a request");
        assertTrue(second.error().message().contains("circuit breaker for stub-down is open"), second.error().message());

        given().get("/q/health/ready").then().statusCode(200);
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("evalwatch_generation_circuit_open{model=\"stub-down\"} 1.0"), metrics);
        assertTrue(metrics.contains("evalwatch_generation_errors_total{model=\"stub-down\",reason=\"server_error\"} 2.0"), metrics);
    }

    @Test
    void unknownModelsAndRejectedKeysFailWithAClearReasonAndNoSecret() {
        String run = newRun();
        topics.dispatch(EvalTopics.item(run, "no-such-model", 0, EvalTopics.addTask()));
        topics.dispatch(EvalTopics.item(run, "stub-echo", 0, EvalTopics.addTask()));
        Map<String, GenerationCompleted> models = byModel(topics.awaitRun(run, r -> r.size() >= 2, WAIT));

        GenerationCompleted unknown = models.get("no-such-model");
        assertEquals(Reasons.REFUSED, unknown.error().reason());
        assertTrue(unknown.error().message().contains("model 'no-such-model' is not in the model catalogue"),
                unknown.error().message());
        assertEquals(0, unknown.costUsd());

        GenerationCompleted echo = models.get("stub-echo");
        assertEquals(Reasons.REFUSED, echo.error().reason());
        assertEquals(401, echo.error().httpStatus());
        assertEquals(1, echo.attempts(), "a rejected key is not retried");
        assertTrue(echo.error().message().contains("Incorrect API key provided: Bearer [REDACTED]"), echo.error().message());
    }

    @Test
    void aJudgedItemIsGradedAfterItsGenerationAndAnUnreadableGradeSaysWhy() throws Exception {
        String run = newRun();
        TaskDispatched plain = EvalTopics.item(run, "stub-openai", 1, EvalTopics.addTask());
        TaskDispatched graded = withJudge(EvalTopics.item(run, "stub-openai", 2, EvalTopics.addTask()), "stub-judge");
        TaskDispatched misjudged = withJudge(EvalTopics.item(run, "stub-anthropic", 3, EvalTopics.addTask()),
                "stub-openai");
        topics.dispatchAll(List.of(plain, graded, misjudged));

        Map<Integer, GenerationCompleted> generations = topics.awaitRun(run, r -> r.size() >= 3, WAIT).stream()
                .collect(Collectors.toMap(r -> r.value().sample(), ConsumerRecord::value));
        assertEquals(generations.get(1).code(), generations.get(2).code(), "a judge changes nothing in the generation");
        assertEquals(generations.get(1).costUsd(), generations.get(2).costUsd());

        Map<String, List<String>> raw = topics.rawTopics(List.of(Topics.JUDGEMENTS), Duration.ofSeconds(1),
                seen -> seen.getOrDefault(Topics.JUDGEMENTS, List.of()).stream()
                        .filter(line -> line.startsWith(run)).count() >= 2, WAIT);
        Map<String, JudgeCompleted> judgements = new java.util.HashMap<>();
        for (String line : raw.getOrDefault(Topics.JUDGEMENTS, List.of())) {
            if (line.startsWith(run)) {
                JudgeCompleted j = new JudgeCompletedDeserializer().deserialize(Topics.JUDGEMENTS,
                        line.split("\t")[1].getBytes(StandardCharsets.UTF_8));
                judgements.put(j.itemId(), j);
            }
        }
        assertEquals(java.util.Set.of(graded.itemId(), misjudged.itemId()), judgements.keySet(),
                "only items with a judge are judged");
        JudgeCompleted good = judgements.get(graded.itemId());
        assertEquals(4, good.score());
        assertEquals("adds correctly, untested.", good.rationale());
        assertEquals("stub-judge", good.judgeModel());
        assertEquals("stub-openai", good.model());
        assertEquals(new Usage(StubVendor.PROMPT_TOKENS, StubVendor.TOKENS), good.usage());
        assertEquals((StubVendor.PROMPT_TOKENS * 2.0 + StubVendor.TOKENS * 10.0) / 1e6, good.costUsd(), 1e-12);
        JudgeCompleted bad = judgements.get(misjudged.itemId());
        assertNull(bad.score());
        assertTrue(bad.unscoredReason().contains("no 'Score: N' line"), bad.unscoredReason());
    }

    private static TaskDispatched withJudge(TaskDispatched i, String judge) {
        return new TaskDispatched(i.schemaVersion(), i.itemId(), i.runId(), i.suite(), i.suiteVersion(), i.model(),
                i.sample(), i.variant(), i.task(), i.promptHash(), i.occurredAt(),
                new JudgeSpec(judge, "generation", JudgeRubrics.VERSION));
    }

    @Test
    void aRedeliveredItemIsNotGeneratedTwice() {
        String run = newRun();
        TaskDispatched item = EvalTopics.item(run, "stub-openai", 7, EvalTopics.addTask());
        topics.dispatch(item);
        topics.awaitRun(run, r -> r.size() >= 1, WAIT);
        topics.dispatch(item);
        topics.dispatch(EvalTopics.item(run, "stub-openai", 8, EvalTopics.addTask()));
        List<ConsumerRecord<String, GenerationCompleted>> records = topics.awaitRun(run,
                r -> r.stream().anyMatch(x -> x.value().sample() == 8), WAIT);
        assertEquals(2, records.size(), "sample 7 once, sample 8 once");
        assertTrue(given().get("/q/metrics").asString().contains("evalwatch_generation_duplicates_total"));
    }

    @Inject
    RecentItems recent;

    @Inject
    GenerationsLog generationsLog;

    @Test
    void anItemAnotherInstanceAlreadyGeneratedIsNotGeneratedAgain() throws InterruptedException {
        // as after a crash or a rebalance: the generation of sample 3 is on eval.generations (here a tombstone under
        // its key, which the test's own reader skips), and its task arrives again
        String run = newRun();
        TaskDispatched done = EvalTopics.item(run, "stub-openai", 3, EvalTopics.addTask());
        topics.publishRaw(Topics.GENERATIONS, done.itemId(), null);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!recent.knows(done.itemId()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(generationsLog.caughtUp(), "the start-up read of eval.generations finished");
        assertTrue(recent.knows(done.itemId()), "the generation published elsewhere was read back");
        topics.dispatch(done);
        topics.dispatch(EvalTopics.item(run, "stub-openai", 4, EvalTopics.addTask()));
        List<ConsumerRecord<String, GenerationCompleted>> records = topics.awaitRun(run,
                r -> r.stream().anyMatch(x -> x.value().sample() == 4), WAIT);
        assertEquals(List.of(4), records.stream().map(r -> r.value().sample()).toList(),
                "sample 3 was generated elsewhere already; only sample 4 is generated here");
    }

    @Test
    void aRecordThatIsNotATaskGoesToTheDeadLetterTopic() {
        String key = newRun() + "/broken";
        topics.dispatchRaw(key, "{not a task".getBytes(StandardCharsets.UTF_8));
        Map<String, List<String>> raw = topics.rawTopics(List.of(Topics.deadLetter(Topics.TASKS)), Duration.ofSeconds(1),
                seen -> seen.getOrDefault(Topics.deadLetter(Topics.TASKS), List.of()).stream()
                        .anyMatch(line -> line.startsWith(key)), WAIT);
        List<String> dead = raw.getOrDefault(Topics.deadLetter(Topics.TASKS), List.of());
        assertTrue(dead.stream().anyMatch(line -> line.startsWith(key)), dead.toString());
    }

    @Test
    void thePlantedKeyAppearsInNoEventAndNoMetric() {
        // runs after or alongside the others: everything this generator produced so far must be clean
        String run = newRun();
        topics.dispatch(EvalTopics.item(run, "stub-echo", 1, EvalTopics.addTask()));
        topics.awaitRun(run, r -> r.size() >= 1, WAIT);
        Map<String, List<String>> raw = topics.rawTopics(List.of(Topics.GENERATIONS, Topics.deadLetter(Topics.TASKS)),
                Duration.ofSeconds(2), seen -> !seen.getOrDefault(Topics.GENERATIONS, List.of()).isEmpty(), WAIT);
        assertFalse(raw.getOrDefault(Topics.GENERATIONS, List.of()).isEmpty());
        Function<String, Boolean> leaks = text -> text.contains(StubVendorResource.PLANTED_KEY)
                || text.contains(StubVendorResource.PLANTED_KEY.substring(10));
        raw.values().forEach(lines -> lines.forEach(line -> assertFalse(leaks.apply(line), line)));
        assertFalse(leaks.apply(given().get("/q/metrics").asString()));
        assertFalse(leaks.apply(given().get("/api/models").asString()));
        assertTrue(given().get("/api/models").asString().contains("\"apiKeyPresent\":true"));
    }

    @Test
    void anUnknownModelIsAProblem() {
        given().when().post("/api/models/no-such-model/check")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(404))
                .body("detail", org.hamcrest.Matchers.containsString("no-such-model"));
    }

    // The OpenAPI document is checked here, in the one application this module's tests start: a second @QuarkusTest
    // class with other test resources restarts the application in the same JVM, after which this class's consumer
    // never received its records.

    @Test
    void theOpenApiDocumentNamesThePathsAndEveryOperationHasASummary() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", org.hamcrest.Matchers.equalTo("evalwatch generator-service"))
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/api/models", "/api/models/check",
                        "/api/models/{name}/check"))
                .body("paths.'/api/models/{name}/check'.post.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("200", "404"))
                .body("tags.name", org.hamcrest.Matchers.hasItems("Models"))
                .body("paths.collectMany { path, item -> item.findAll { it.key in ['get', 'post', 'put', 'delete'] }"
                        + ".collect { it.value.summary } }",
                        org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue()));
        given().when().get("/q/swagger-ui/").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("swagger"));
    }
}
