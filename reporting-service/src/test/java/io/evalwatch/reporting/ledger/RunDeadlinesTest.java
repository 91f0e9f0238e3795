package io.evalwatch.reporting.ledger;

import static io.evalwatch.reporting.testing.EvalTopics.producer;
import static io.evalwatch.reporting.testing.EvalTopics.runEndings;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.RunCompleted;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Topics;
import io.evalwatch.events.Usage;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Real broker, real PostgreSQL, a stall deadline of two seconds: a run that stops making progress ends incomplete
 * with exactly its missing items listed, announces so once, and keeps that status when a straggler arrives; a run
 * whose items all arrived completes as before.
 */
@QuarkusTest
@TestProfile(RunDeadlinesTest.ShortDeadline.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_reporting_test"))
class RunDeadlinesTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evalwatch.runs.stall-timeout", "PT2S", "evalwatch.runs.check-every", "1s");
        }
    }

    @Test
    void aStalledRunEndsIncompleteWithItsMissingItemsAndAStragglerChangesNothing() throws Exception {
        String run = UUID.randomUUID().toString();
        // the items are stored before the run is announced (a run without its announcement is never ended), so
        // however far the scores lag behind, exactly two of the four expected items have arrived when the deadline
        // can first apply
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(record(scored(run, "x", 0))).get();
            producer.send(record(scored(run, "y", 1))).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/runs/" + run + "/items")
                .then().statusCode(200).body("size()", equalTo(2)));
        try (KafkaProducer<String, Object> producer = producer()) {
            // two tasks × one model × two samples: four items expected
            producer.send(new ProducerRecord<>(Topics.RUNS, run, new RunStarted(1, run, "starter", "1", List.of("sim-a"),
                    2, 4, "manual", null, Instant.now(), null, null, Map.of("x", "hx", "y", "hy")))).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/runs/" + run + "/report")
                .then().statusCode(200).body("status", equalTo("incomplete")));
        given().get("/api/runs/" + run + "/missing").then().statusCode(200)
                .body("status", equalTo("incomplete"))
                .body("missingCount", equalTo(2))
                .body("missingItems", containsInAnyOrder(ItemIds.of(run, "x", "sim-a", 1, "base"),
                        ItemIds.of(run, "y", "sim-a", 0, "base")));

        List<RunCompleted> ended = runEndings(run);
        assertEquals(1, ended.size(), "the end is announced once: " + ended);
        assertTrue(ended.get(0).incomplete(), ended.toString());
        assertEquals(2, ended.get(0).missingItems());
        assertEquals(2, ended.get(0).scoredItems());

        // a straggler is kept, but an incomplete run stays incomplete (it was never judged and never will be)
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(record(scored(run, "x", 1))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/runs/" + run + "/items")
                .then().statusCode(200).body("size()", equalTo(3)));
        given().get("/api/runs/" + run + "/report").then().body("status", equalTo("incomplete"));
        given().get("/api/runs/" + run + "/missing").then().body("missingCount", equalTo(2));
    }

    @Test
    void aRunWhoseItemsAllArrivedCompletesAndListsNothingMissing() throws Exception {
        String run = UUID.randomUUID().toString();
        // the item first: the announcement then completes the run in its own transaction, before any deadline
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(record(scored(run, "x", 0))).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/runs/" + run + "/items")
                .then().statusCode(200).body("size()", equalTo(1)));
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.RUNS, run, new RunStarted(1, run, "starter", "1", List.of("sim-a"),
                    1, 1, "manual", null, Instant.now(), null, null, Map.of("x", "hx")))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/runs/" + run + "/report")
                .then().statusCode(200).body("status", equalTo("completed")));
        Thread.sleep(3_000); // past the stall deadline: a completed run is never ended again
        given().get("/api/runs/" + run + "/missing").then().body("status", equalTo("completed"))
                .body("missingCount", equalTo(0));
        List<RunCompleted> ended = runEndings(run);
        assertEquals(1, ended.size());
        assertTrue(!ended.get(0).incomplete());
    }

    private static ItemScored scored(String run, String task, int sample) {
        return new ItemScored(1, ItemIds.of(run, task, "sim-a", sample, "base"), run, "starter", "1", task, "lists",
                "sim-a", sample, "base", true, 3, 3, 1, 1, FailureCategory.NONE, List.of(), Map.of(), 1, List.of(),
                "out", "fenced", new Timings(0.0, 0.2, 1.0, 0.02, 0.03, 50.0, null), new Usage(100, 50), 0.001,
                new Provenance("openai", "sim-a", "sim-a", "fp_1", "req", "ph", "ch"), Instant.now().minusSeconds(1),
                Instant.now());
    }

    private static ProducerRecord<String, Object> record(ItemScored s) {
        return new ProducerRecord<>(Topics.SCORES, s.itemId(), s);
    }
}
