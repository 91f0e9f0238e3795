package io.evalwatch.reporting.stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.StreamKey;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Topics;
import io.evalwatch.events.Usage;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.evalwatch.outbox.OutboxEvent;
import io.evalwatch.outbox.OutboxRelay;
import io.evalwatch.reporting.testing.EvalTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Comparison streams through the real broker and PostgreSQL: ad-hoc runs steer nothing, invalid runs raise RunInvalid
 * and nothing else, the reference moves only by acceptance (with who and why), and a stream's alerts are opened and
 * resolved by its own runs.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_reporting_test"))
class StreamVerdictsTest {

    private static final int TASKS = 40;
    private static final int SAMPLES = 3;
    private static final String SUITE = "streams-suite";

    @Inject
    OutboxRelay relay;

    @Test
    void aMonitorStreamKeepsItsReferenceAndItsAlertsAgainstAdHocAndInvalidRuns() throws Exception {
        String model = "sim-s-" + UUID.randomUUID().toString().substring(0, 8);
        String monitor = "weekly-" + model;
        Random random = new Random(7);

        String reference = run(StreamKey.monitorOrigin(monitor), model, TASKS, random, 0.8, false);
        JsonPath first = regression(reference);
        assertEquals("no_baseline", first.getString("models[0].verdict"), "the stream's first valid run is its reference");
        assertEquals("first_valid", first.getString("models[0].stream.referenceChanged"));
        String streamId = first.getString("models[0].stream.streamId");
        assertNotNull(streamId);

        // healthy checks: the reference stays, no alert
        for (int i = 0; i < 4; i++) {
            String check = run(StreamKey.monitorOrigin(monitor), model, TASKS, random, 0.8, false);
            JsonPath r = regression(check);
            assertEquals(reference, r.getString("models[0].baselineRunId"), "checks compare with the reference");
            assertEquals("no_regression", r.getString("models[0].verdict"));
        }
        given().get("/api/streams/" + streamId).then().statusCode(200)
                .body("stream.referenceRunId", equalTo(reference))
                .body("runs.size()", equalTo(5));

        // a run in which every answer had no code is invalid: RunInvalid, and no model alert
        String broken = run(StreamKey.monitorOrigin(monitor), model, TASKS, random, 0.8, true);
        JsonPath invalid = regression(broken);
        assertEquals("invalid", invalid.getString("models[0].verdict"));
        assertTrue(invalid.getList("models[0].stream.health.problems", String.class).get(0).startsWith("no code"));
        List<Map<String, Object>> open = openAlerts(streamId);
        assertEquals(List.of("RunInvalid"), open.stream().map(a -> a.get("signal")).toList(),
                "an invalid run raises RunInvalid and no model alert");
        given().get("/api/frontier?suite=" + SUITE).then().statusCode(200)
                .body("findAll { it.model == '" + model + "' }.runId", not(hasItem(broken)));

        // a step down: the stream's detector alarms at the next check (the invalid run is not part of its statistics)
        String dropped = run(StreamKey.monitorOrigin(monitor), model, TASKS, random, 0.35, false);
        JsonPath regressed = regression(dropped);
        assertEquals("regressed", regressed.getString("models[0].verdict"), regressed.prettify());
        List<Object> signals = openAlerts(streamId).stream().map(a -> a.get("signal")).toList();
        assertTrue(signals.contains("RegressionDetected"), "open: " + signals);
        assertTrue(!signals.contains("RunInvalid"), "the valid run resolved RunInvalid: " + signals);

        // a one-task ad-hoc run: compared with nothing it could move, it resolves nothing and references nothing
        String adHoc = run(null, model, 1, random, 1.0, false);
        JsonPath adHocReport = regression(adHoc);
        assertEquals(null, adHocReport.getString("models[0].stream.streamId"));
        assertTrue(openAlerts(streamId).stream().anyMatch(a -> "RegressionDetected".equals(a.get("signal"))),
                "an ad-hoc run does not close the stream's alert");
        given().get("/api/streams/" + streamId).then().body("stream.referenceRunId", equalTo(reference));
        given().get("/api/frontier?suite=" + SUITE).then()
                .body("findAll { it.model == '" + model + "' }.runId", not(hasItem(adHoc)));

        // acknowledging takes a note; a drift alert is resolved by its stream, not by hand
        String alertId = openAlerts(streamId).stream().filter(a -> "RegressionDetected".equals(a.get("signal")))
                .map(a -> String.valueOf(a.get("alertId"))).findFirst().orElseThrow();
        given().contentType(ContentType.JSON).body("{}").post("/api/alerts/" + alertId + "/acknowledge")
                .then().statusCode(400).body(containsString("note"));
        given().contentType(ContentType.JSON).body("{\"note\":\"looking into the vendor's changelog\",\"by\":\"ana\"}")
                .post("/api/alerts/" + alertId + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("acknowledged")).body("acknowledgedBy", equalTo("ana"));
        given().contentType(ContentType.JSON).body("{\"note\":\"done\"}").post("/api/alerts/" + alertId + "/resolve")
                .then().statusCode(409);

        // neither an invalid run nor an ad-hoc run can be accepted as the reference
        given().contentType(ContentType.JSON).body(Map.of("runId", broken, "by", "ana", "note", "no"))
                .post("/api/streams/" + streamId + "/reference").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("runId", adHoc, "by", "ana", "note", "no"))
                .post("/api/streams/" + streamId + "/reference").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("runId", dropped, "by", "ana"))
                .post("/api/streams/" + streamId + "/reference").then().statusCode(400).body(containsString("why"));
        // accepting the new level is a person's decision, recorded with who and why; it resolves the alert
        given().contentType(ContentType.JSON)
                .body(Map.of("runId", dropped, "by", "ana", "note", "vendor v2 is the model we now pay for"))
                .post("/api/streams/" + streamId + "/reference").then().statusCode(200)
                .body("reason", equalTo("accepted")).body("previousRunId", equalTo(reference));
        JsonPath detail = given().get("/api/streams/" + streamId).then().statusCode(200).extract().jsonPath();
        assertEquals(dropped, detail.getString("stream.referenceRunId"));
        assertEquals(List.of("first_valid", "accepted"), detail.getList("referenceChanges.reason"));
        assertEquals("ana", detail.getString("referenceChanges[1].actor"));
        assertTrue(openAlerts(streamId).isEmpty(), "accepting the new reference resolved the regression");
        given().get("/api/alerts?status=resolved&stream=" + streamId).then()
                .body("find { it.alertId == '" + alertId + "' }.note", containsString("ana accepted run " + dropped))
                .body("find { it.signal == 'RunInvalid' }.resolvedByRunId", equalTo(dropped));
        given().get("/q/metrics").then().body(containsString("evalwatch_stream_runs{"))
                .body(containsString("evalwatch_stream_reference_changed_timestamp_seconds{"));
    }

    @Test
    void aRunEndingThatTheOutboxRelaySendsTwiceIsJudgedOnce() throws Exception {
        String model = "sim-o-" + UUID.randomUUID().toString().substring(0, 8);
        String origin = StreamKey.monitorOrigin("weekly-" + model);
        Random random = new Random(11);
        String reference = run(origin, model, TASKS, random, 0.8, false);
        String broken = run(origin, model, TASKS, random, 0.8, true);
        String streamId = regression(reference).getString("models[0].stream.streamId");
        assertEquals(List.of("RunInvalid"), openAlerts(streamId).stream().map(a -> a.get("signal")).toList());

        // what a relay that died after the broker's acks and before its mark committed leaves: the rows of the
        // run's ending (RunCompleted, then RunInvalid) unsent, so the relay sends them again
        QuarkusTransaction.requiringNew().run(() -> OutboxEvent.update(
                "sentAt = null where topic = ?1 and eventKey = ?2", Topics.ALERTS, broken));
        relay.relayPending();
        // eval.alerts has one partition, read in order: once the next run is judged, the duplicate was handled
        String next = run(origin, model, TASKS, random, 0.8, false);

        assertEquals(2, EvalTopics.runEndings(broken).size(), "the run's ending was on eval.alerts twice");
        assertEquals(1, regression(broken).getList("models").size(), "judged once");
        given().get("/api/alerts?stream=" + streamId).then().statusCode(200)
                .body("findAll { it.signal == 'RunInvalid' }.size()", equalTo(1))
                .body("find { it.signal == 'RunInvalid' }.resolvedByRunId", equalTo(next));
    }

    @Test
    void aStreamRunAfterASuiteVersionBumpStartsANewReferenceAndPairsUnchangedTasks() throws Exception {
        String model = "sim-v-" + UUID.randomUUID().toString().substring(0, 8);
        String origin = StreamKey.seriesOrigin("ci-" + model);
        Random random = new Random(11);
        String v1 = run(origin, model, TASKS, random, 0.8, false);
        assertEquals("first_valid", regression(v1).getString("models[0].stream.referenceChanged"));
        // version 2 changes task t01, retires t00 and adds t99: a new segment of the same stream
        Map<String, String> hashes = hashes(TASKS);
        hashes.remove("t00");
        hashes.put("t01", "changed-content");
        hashes.put("t99", "new-task");
        String v2 = run(origin, model, hashes, random, 0.8, false);
        JsonPath report = regression(v2);
        assertEquals(regression(v1).getString("models[0].stream.streamId"),
                report.getString("models[0].stream.streamId"), "the stream goes on across the bump");
        assertEquals("segment_changed", report.getString("models[0].stream.referenceChanged"));
        assertEquals(v1, report.getString("models[0].previousRunId"));
        assertEquals(List.of("t99"), report.getList("models[0].stream.taskChanges.added"));
        assertEquals(List.of("t01"), report.getList("models[0].stream.taskChanges.changed"));
        assertEquals(List.of("t00"), report.getList("models[0].stream.taskChanges.retired"));
        int pairs = report.getInt("models[0].stream.previous.pairs");
        assertEquals((TASKS - 2) * SAMPLES, pairs, "only tasks whose content is unchanged stay paired");
    }

    // ---- building runs

    private static Map<String, String> hashes(int tasks) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int t = 0; t < tasks; t++) {
            hashes.put(String.format("t%02d", t), "hash-" + t);
        }
        return hashes;
    }

    private String run(String origin, String model, int tasks, Random random, double passRate, boolean noCode)
            throws Exception {
        return run(origin, model, hashes(tasks), random, passRate, noCode);
    }

    /** Announces a run of the given tasks and sends a score for each item; returns its id once analysed. */
    private String run(String origin, String model, Map<String, String> taskHashes, Random random, double passRate,
            boolean noCode) throws Exception {
        String runId = UUID.randomUUID().toString();
        String taskSet = String.join(",", new java.util.TreeMap<>(taskHashes).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        StreamKey key = new StreamKey(origin, model, SUITE, Integer.toHexString(taskSet.hashCode()), SAMPLES, "cfg",
                "base", null);
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.RUNS, runId, new RunStarted(1, runId, SUITE, "1", List.of(model),
                    SAMPLES, taskHashes.size() * SAMPLES, origin != null && origin.startsWith("monitor:") ? "schedule"
                    : "manual", origin != null && origin.startsWith("monitor:") ? origin.substring(8) : null,
                    Instant.now(), null, List.of(key), taskHashes))).get();
            for (String task : taskHashes.keySet()) {
                for (int s = 0; s < SAMPLES; s++) {
                    boolean passed = !noCode && random.nextDouble() < passRate;
                    ItemScored item = scored(runId, model, task, s, passed, noCode);
                    producer.send(new ProducerRecord<>(Topics.SCORES, item.itemId(), item)).get();
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath r = given().get("/api/runs/" + runId + "/regression").then().extract().jsonPath();
            return "completed".equals(given().get("/api/runs/" + runId + "/report").then().extract().path("status"))
                    && r.getList("models").size() == 1 && !"pending".equals(r.getString("models[0].verdict"));
        });
        return runId;
    }

    private static JsonPath regression(String runId) {
        return given().get("/api/runs/" + runId + "/regression").then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> openAlerts(String streamId) {
        return given().get("/api/alerts?stream=" + streamId).then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("").stream()
                .filter(a -> !"resolved".equals(a.get("status"))).toList();
    }

    private static ItemScored scored(String run, String model, String task, int sample, boolean passed,
            boolean noCode) {
        FailureCategory category = passed ? FailureCategory.NONE
                : noCode ? FailureCategory.FORMAT_FAILURE : FailureCategory.WRONG_ANSWER;
        return new ItemScored(1, ItemIds.of(run, task, model, sample, "base"), run, SUITE, "1", task, "lists", model,
                sample, "base", passed, passed ? 3 : 0, 3, passed ? 1 : 0, passed ? 1 : -1, category, List.of(),
                Map.of(), 1, List.of(), noCode ? "I cannot help with that." : "```python\npass\n```", noCode ? "none" : "fenced",
                new Timings(0.0, 0.3, 1.0, 0.02, 0.03, 50.0, 0.001), new Usage(100, 50), 0.001,
                new Provenance("openai", model, model, "fp_1", "req", "ph", "cfg"), Instant.now().minusSeconds(2),
                Instant.now());
    }

    private static KafkaProducer<String, Object> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new EventSerializer());
    }

    @Test
    void malformedJsonIsAProblemNamingTheParseError() {
        given().contentType("application/json").body("{\"runId\": ")
                .when().post("/api/streams/no-such-stream/reference")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("malformed JSON"))
                .body("instance", equalTo("/api/streams/no-such-stream/reference"));
    }
}
