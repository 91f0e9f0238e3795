package io.evalwatch.reporting.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static io.evalwatch.reporting.testing.EvalTopics.producer;
import static io.evalwatch.reporting.testing.EvalTopics.runEndings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.JudgeCompleted;
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
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Real broker, real PostgreSQL: duplicates change nothing, dead letters count, and a run completes exactly once. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_reporting_test"))
class ReportingPipelineTest {

    @Test
    void aRunCompletesOnceWithDuplicatesAndADeadLetter() throws Exception {
        String run = UUID.randomUUID().toString();
        try (KafkaProducer<String, Object> producer = producer()) {
            // scores may arrive before the run is announced
            producer.send(record(Topics.SCORES, scored(run, "x", 0, true))).get();
            producer.send(record(Topics.SCORES, scored(run, "x", 1, false))).get();
            producer.send(record(Topics.SCORES, scored(run, "x", 1, false))).get(); // duplicate delivery
            producer.send(new ProducerRecord<>(Topics.RUNS, run, new RunStarted(1, run, "starter", "1+abc",
                    List.of("sim-a"), 2, 4, "manual", null, Instant.now(), null, null, null))).get();
            producer.send(record(Topics.SCORES, scored(run, "y", 0, true))).get();
            ProducerRecord<String, Object> dead = new ProducerRecord<>(Topics.deadLetter(Topics.GENERATIONS),
                    ItemIds.of(run, "y", "sim-a", 1, "base"), "unreadable");
            dead.headers().add("dead-letter-reason", "boom".getBytes(StandardCharsets.UTF_8));
            producer.send(dead).get();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/runs/" + run + "/report")
                .then().statusCode(200).body("status", equalTo("completed")));
        given().get("/api/runs/" + run + "/report").then()
                .body("scoredItems", equalTo(3))
                .body("erroredItems", equalTo(1))
                .body("models[0].items", equalTo(4))
                .body("models[0].passed", equalTo(2))
                .body("models[0].failureMix.pipeline_error", equalTo(1))
                // pass rate 2/4, and the one analysed item has type errors and security findings: (0.4 * 0.5 + 0.2 * 0
                // + 0.2 * 0) / 0.8; complexity and human review missing, their weight renormalised away
                .body("models[0].composite.value", equalTo(0.25f))
                .body("models[0].composite.missing.size()", equalTo(2))
                .body("models[0].composite.parts[0].part", equalTo("pass-at-1"))
                .body("models[0].retries.items", equalTo(3))
                .body("models[0].retries.totalAttempts", equalTo(3))
                .body("models[0].latency.interTokenP50", equalTo(0.02f));
        given().get("/api/runs/" + run + "/items").then().statusCode(200).body("size()", equalTo(4));

        // a late duplicate after completion changes nothing
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(record(Topics.SCORES, scored(run, "x", 0, true))).get();
        }
        assertEquals(1, runEndings(run).size(), "RunCompleted is emitted once");
        given().contentType(ContentType.JSON).get("/api/runs/" + run + "/report").then().body("scoredItems", equalTo(3));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("evalwatch_run_pass_rate{category=\"all\",model=\"sim-a\",suite=\"starter\"} 0.5"))
                .body(org.hamcrest.Matchers.containsString("evalwatch_run_composite{category=\"all\",model=\"sim-a\",suite=\"starter\"} 0.25"))
                .body(org.hamcrest.Matchers.containsString("evalwatch_item_score_bucket"))
                // the one failed item carries two high-severity findings and a type error: counted once, although
                // it was delivered twice
                .body(org.hamcrest.Matchers.matchesRegex("(?s).*evalwatch_item_quality_findings_total\\{kind=\"generation\","
                        + "model=\"sim-a\",severity=\"high\",tool=\"bandit\"\\} 2\\.0.*"))
                .body(org.hamcrest.Matchers.matchesRegex("(?s).*evalwatch_item_quality_findings_total\\{kind=\"generation\","
                        + "model=\"sim-a\",severity=\"error\",tool=\"mypy\"\\} 1\\.0.*"));
    }

    @Test
    void judgementsArrivingBeforeOrAfterTheirScoresAreBothKeptAndReported() throws Exception {
        String run = UUID.randomUUID().toString();
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.RUNS, run, new RunStarted(1, run, "judged", "1", List.of("sim-j"),
                    1, 3, "manual", null, Instant.now(), null, null, null))).get();
            // p: judged before it is scored; q: scored before it is judged; r: never judged
            producer.send(judgementRecord(judged(run, "p", 5, "matches the reference"))).get();
            producer.send(record(Topics.SCORES, scored(run, "p", 0, true, "sim-j"))).get();
            producer.send(record(Topics.SCORES, scored(run, "q", 0, false, "sim-j"))).get();
            producer.send(judgementRecord(judged(run, "q", 2, "fails on empty input"))).get();
            producer.send(judgementRecord(judged(run, "q", 2, "fails on empty input"))).get(); // redelivered
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/runs/" + run + "/report")
                .then().statusCode(200).body("models[0].judge.itemsJudged", equalTo(2)));
        given().get("/api/runs/" + run + "/report").then()
                .body("status", equalTo("running")) // two judgements and two scores: still one item short
                .body("scoredItems", equalTo(2))
                .body("models[0].passed", equalTo(1))
                .body("models[0].judge.meanScore", equalTo(3.5f))
                .body("models[0].judge.distribution.'5'", equalTo(1))
                .body("models[0].judge.distribution.'2'", equalTo(1))
                .body("models[0].judge.agreement", equalTo(1.0f))
                .body("models[0].judge.judgeModels[0]", equalTo("sim-judge"));
        given().get("/api/runs/" + run + "/items").then().statusCode(200).body("size()", equalTo(2))
                .body("find { it.taskId == 'p' }.judgeScore", equalTo(5))
                .body("find { it.taskId == 'q' }.judgeRationale", equalTo("fails on empty input"));

        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(record(Topics.SCORES, scored(run, "r", 0, true, "sim-j"))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/runs/" + run + "/report")
                .then().body("status", equalTo("completed")));
        given().get("/api/runs/" + run + "/report").then().body("models[0].judge.itemsJudged", equalTo(2))
                .body("models[0].passed", equalTo(2));
        // one count per judged item, the redelivered judgement of q included once
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesRegex("(?s).*evalwatch_judgements_total\\{judge=\"sim-judge\","
                        + "model=\"sim-j\",score=\"2\"\\} 1\\.0.*"));
    }

    private static JudgeCompleted judged(String run, String task, Integer score, String rationale) {
        return new JudgeCompleted(JudgeCompleted.SCHEMA_VERSION, ItemIds.of(run, task, "sim-j", 0, "base"), run,
                "sim-j", "sim-judge", "generation", 1, score, rationale, null, new Usage(300, 20), 0.0004, 1,
                Instant.now());
    }

    private static ProducerRecord<String, Object> judgementRecord(JudgeCompleted j) {
        return new ProducerRecord<>(Topics.JUDGEMENTS, j.itemId(), j);
    }

    @Test
    void unknownRunsAreA404ThatSaysWhy() {
        given().get("/api/runs/nope/report").then().statusCode(404);
    }

    private static ItemScored scored(String run, String task, int sample, boolean passed) {
        return scored(run, task, sample, passed, "sim-a");
    }

    private static ItemScored scored(String run, String task, int sample, boolean passed, String model) {
        return new ItemScored(1, ItemIds.of(run, task, model, sample, "base"), run, "starter", "1+abc", task,
                "lists", model, sample, "base", passed, passed ? 3 : 1, 3, passed ? 1 : 1.0 / 3,
                passed ? 1 : -1.0 / 3, passed ? FailureCategory.NONE : FailureCategory.WRONG_ANSWER, List.of(),
                passed ? Map.of() : Map.of("quality.security_findings", 2.0, "quality.security.high", 2.0,
                        "quality.type_errors", 1.0), 1, List.of(),
                "out", "fenced", new Timings(0.0, 0.2, 1.0, 0.02, 0.03, 50.0, null), new Usage(100, 50), 0.001,
                new Provenance("openai", "sim-a", "sim-a", "fp_1", "req", "ph", "ch"), Instant.now().minusSeconds(2),
                Instant.now());
    }

    private static ProducerRecord<String, Object> record(String topic, ItemScored s) {
        return new ProducerRecord<>(topic, s.itemId(), s);
    }
}
