package io.evalwatch.reporting.review;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Topics;
import io.evalwatch.events.Usage;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The review flow over REST on a real broker and database: draw a blind sample, two reviewers, the summary. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_reporting_test"))
class ReviewResourceTest {

    private static final double EPS = 1e-9;

    @Inject
    HumanReviews humanReviews;

    @Test
    void twoReviewersOfABlindSampleAndTheirAgreement() throws Exception {
        String run = UUID.randomUUID().toString();
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.RUNS, run, new RunStarted(1, run, "starter", "1+abc",
                    List.of("sim-a"), 1, 10, "manual", null, Instant.now(), null, null, null))).get();
            for (int i = 0; i < 10; i++) {
                ItemScored s = scored(run, "t" + i, i / 10.0);
                producer.send(new ProducerRecord<>(Topics.SCORES, s.itemId(), s)).get();
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/runs/" + run + "/items")
                .then().statusCode(200).body("size()", equalTo(10)));

        // 10 minutes at 60 s per item: the whole run of 10 items
        JsonPath sample = given().contentType(ContentType.JSON).body(Map.of("minutes", 10, "secondsPerItem", 60,
                "seed", 99)).post("/api/runs/" + run + "/review/samples").then().statusCode(200)
                .body("size", equalTo(10)).body("available", equalTo(10)).body("seed", equalTo(99))
                .extract().jsonPath();
        String sampleId = sample.getString("sampleId");
        List<Map<String, Object>> entries = sample.getList("entries");
        assertEquals(10, entries.size());
        for (Map<String, Object> e : entries) {
            // blind: the reviewer's view has neither item id, model nor score
            assertEquals(List.of("entryId", "suite", "suiteVersion", "taskId", "answer"), List.copyOf(e.keySet()));
            assertEquals("answer to " + e.get("taskId"), e.get("answer"));
        }
        given().get("/api/runs/" + run + "/review/samples/" + sampleId).then().statusCode(200)
                .body("entries.entryId", equalTo(entries.stream().map(e -> e.get("entryId")).toList()));
        // the same seed draws the same sample again
        List<Object> again = given().contentType(ContentType.JSON).body(Map.of("minutes", 10, "seed", 99))
                .post("/api/runs/" + run + "/review/samples").then().statusCode(200).extract().jsonPath()
                .getList("entries.taskId");
        assertEquals(entries.stream().map(e -> e.get("taskId")).toList(), again);

        // 3 minutes buy 3 entries: the highest scored (t9), the lowest (t0) and one from between
        List<String> small = given().contentType(ContentType.JSON).body(Map.of("minutes", 3))
                .post("/api/runs/" + run + "/review/samples").then().statusCode(200).body("size", equalTo(3))
                .extract().jsonPath().getList("entries.taskId");
        assertTrue(small.contains("t9") && small.contains("t0"), small.toString());

        // by entry position: ann accepts 0..4, bob 0..3, 5, 6 → a = 4, b = 1, c = 2, d = 3:
        // po = 7/10 = 0.7, yes rates 0.5 and 0.6, pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = (0.7 - 0.5) / 0.5 = 0.4
        List<Map<String, Object>> ann = new ArrayList<>();
        List<Map<String, Object>> bob = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = (String) entries.get(i).get("entryId");
            ann.add(Map.of("entryId", id, "accept", i < 5, "introducesBug", i >= 8, "comment", "ok"));
            bob.add(Map.of("entryId", id, "accept", i < 4 || i == 5 || i == 6, "introducesBug", false));
        }
        post(run, sampleId, "bob", bob).then().statusCode(200).body("stored", equalTo(10)).body("replaced", equalTo(0));
        // ann first says no to everything, then imports again: her later verdicts replace the earlier ones
        post(run, sampleId, "ann", ann.stream().map(v -> Map.of("entryId", v.get("entryId"), "accept", false,
                "introducesBug", false)).toList()).then().statusCode(200);
        post(run, sampleId, "ann", ann).then().statusCode(200).body("stored", equalTo(10))
                .body("replaced", equalTo(10));

        // a bad verdict stores nothing, and the problem names the field
        List<Map<String, Object>> bad = new ArrayList<>(bob);
        bad.set(3, Map.of("entryId", "nope", "accept", true, "introducesBug", false));
        post(run, sampleId, "bob", bad).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("verdicts[3].entryId"));
        bad.set(3, Map.of("entryId", entries.get(3).get("entryId"), "introducesBug", false));
        post(run, sampleId, "bob", bad).then().statusCode(400).body("field", equalTo("verdicts[3].accept"));

        JsonPath summary = given().get("/api/runs/" + run + "/review/summary").then().statusCode(200)
                .body("samples", equalTo(3)).body("reviewers", equalTo(List.of("ann", "bob")))
                .body("models[0].model", equalTo("sim-a")).body("models[0].itemsReviewed", equalTo(10))
                .body("models[0].verdicts", equalTo(20)).body("models[0].reviewerAgreement[0].entries", equalTo(10))
                .body("models[0].reviewerAgreement[0].kappaUndefinedBecause", nullValue())
                .extract().jsonPath();
        assertEquals(0.4, summary.getDouble("models[0].reviewerAgreement[0].kappa"), EPS);
        assertEquals(0.7, summary.getDouble("models[0].reviewerAgreement[0].agreement"), EPS);
        // 11 of 20 verdicts accept; 2 of 20 see a bug
        assertEquals(0.55, summary.getDouble("models[0].acceptRate"), EPS);
        assertEquals(0.1, summary.getDouble("models[0].introducesBugRate"), EPS);
        // every item passed: human and automated agree on the 11 accepts; yes rates 0.55 and 1 → pe = po → kappa 0
        assertEquals(0.55, summary.getDouble("models[0].automated.agreement"), EPS);
        assertEquals(0.0, summary.getDouble("models[0].automated.kappa"), EPS);
        assertEquals(Map.of("sim-a", 0.55), humanReviews.acceptRate(run));
    }

    @Test
    void unknownRunsSamplesAndBadBudgetsAreRefusedWithTheReason() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/runs/nope/review/samples").then()
                .statusCode(404);
        given().get("/api/runs/nope/review/samples/nope").then().statusCode(404);
        given().get("/api/runs/nope/review/summary").then().statusCode(200).body("models.size()", equalTo(0));
        given().contentType(ContentType.JSON).body(Map.of("minutes", -1)).post("/api/runs/nope/review/samples")
                .then().statusCode(400).body("field", equalTo("minutes"));
    }

    @Test
    void humanAcceptRatesAreEmptyForARunNobodyReviewed() {
        assertTrue(humanReviews.acceptRate("never-reviewed").isEmpty());
    }

    private static io.restassured.response.Response post(String run, String sampleId, String reviewer,
            List<Map<String, Object>> verdicts) {
        return given().contentType(ContentType.JSON).body(Map.of("reviewer", reviewer, "verdicts", verdicts))
                .post("/api/runs/" + run + "/review/samples/" + sampleId + "/verdicts");
    }

    private static ItemScored scored(String run, String task, double score) {
        return new ItemScored(ItemScored.SCHEMA_VERSION, ItemIds.of(run, task, "sim-a", 0, "base"), run, "starter",
                "1+abc", task, "lists", "sim-a", 0, "base", true, 3, 3, 1, score, FailureCategory.NONE, List.of(),
                Map.of(), 1, List.of(), "answer to " + task, "fenced",
                new Timings(0.0, 0.2, 1.0, 0.02, 0.03, 50.0, null), new Usage(100, 50), 0.001,
                new Provenance("openai", "sim-a", "sim-a", "fp_1", "req", "ph", "ch"), Instant.now().minusSeconds(2),
                Instant.now());
    }

    private static KafkaProducer<String, Object> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new EventSerializer());
    }
}
