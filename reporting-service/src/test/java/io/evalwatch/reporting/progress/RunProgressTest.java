package io.evalwatch.reporting.progress;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Topics;
import io.evalwatch.events.Usage;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.evalwatch.reporting.testing.EvalTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A run's progress per stage, counted from what the real broker carries: redelivered events count once, an unreadable
 * record is skipped; once a run has ended and its per-item rows are pruned, its progress reads the same.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_reporting_test"))
class RunProgressTest {

    @Inject
    StagePruner pruner;

    @Inject
    EntityManager em;

    private static final TaskSpec CODE = new TaskSpec("t-code", "lists", TaskKind.GENERATION, "python", "p", "f",
            List.of(new TestCase("basic", "assert f() == 1", false)), 5, List.of());
    private static final TaskSpec REVIEW = new TaskSpec("t-review", "review", TaskKind.REVIEW, "python", "p", null,
            List.of(), 5, List.of());

    @Test
    void eachStageIsCountedOnceAndAnUnknownRunIs404() throws Exception {
        String run = UUID.randomUUID().toString();
        given().get("/api/runs/" + run + "/progress").then().statusCode(404);
        String code = ItemIds.of(run, "t-code", "sim-a", 0, "base");
        String review = ItemIds.of(run, "t-review", "sim-a", 0, "base");
        String failed = ItemIds.of(run, "t-code", "sim-b", 0, "base");
        try (KafkaProducer<String, Object> producer = EvalTopics.producer();
                KafkaProducer<String, String> raw = rawProducer()) {
            producer.send(new ProducerRecord<>(Topics.RUNS, run, new RunStarted(1, run, "progress-suite", "1",
                    List.of("sim-a", "sim-b"), 1, 3, "manual", null, Instant.now(), null, null, null))).get();
            // a record nobody can read, in the same poll as the run's: skipped, the others still counted
            raw.send(new ProducerRecord<>(Topics.GENERATIONS, code, "not an event")).get();
            GenerationCompleted codeAnswer = generation(run, code, "sim-a", CODE, null);
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, code, codeAnswer)).get();
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, code, codeAnswer)).get(); // redelivered
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, review, generation(run, review, "sim-a", REVIEW,
                    null))).get();
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, failed, generation(run, failed, "sim-b", CODE,
                    new GenerationError(GenerationError.Reasons.TIMEOUT, "timed out", null, 3)))).get();
            // only the key of an execution is read
            raw.send(new ProducerRecord<>(Topics.EXECUTIONS, code, "{}")).get();
            producer.send(new ProducerRecord<>(Topics.SCORES, code, scored(run, "t-code", "sim-a"))).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/runs/" + run + "/progress")
                .then().statusCode(200)
                .body("status", equalTo("running"))
                .body("dispatched", equalTo(3))
                .body("generated", equalTo(3))
                .body("generationErrors", equalTo(1))
                .body("toExecute", equalTo(1))
                .body("executed", equalTo(1))
                .body("scored", equalTo(1))
                .body("errored", equalTo(0)));
    }

    @Test
    void anEndedRunsRowsArePrunedAndItsProgressStaysTheSame() throws Exception {
        String run = UUID.randomUUID().toString();
        String code = ItemIds.of(run, "t-code", "sim-a", 0, "base");
        String failed = ItemIds.of(run, "t-code", "sim-b", 0, "base");
        GenerationCompleted codeAnswer = generation(run, code, "sim-a", CODE, null);
        try (KafkaProducer<String, Object> producer = EvalTopics.producer();
                KafkaProducer<String, String> raw = rawProducer()) {
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, code, codeAnswer)).get();
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, failed, generation(run, failed, "sim-b", CODE,
                    new GenerationError(GenerationError.Reasons.TIMEOUT, "timed out", null, 3)))).get();
            raw.send(new ProducerRecord<>(Topics.EXECUTIONS, code, "{}")).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stageRows(run) == 3);
        pruner.pruneEndedBefore(Instant.now().plus(Duration.ofDays(1)));
        assertEquals(3, stageRows(run), "a run not ended (not even announced yet) keeps its rows");

        try (KafkaProducer<String, Object> producer = EvalTopics.producer()) {
            // one item expected: its score completes the run
            producer.send(new ProducerRecord<>(Topics.RUNS, run, new RunStarted(1, run, "progress-suite", "1",
                    List.of("sim-a"), 1, 1, "manual", null, Instant.now(), null, null, null))).get();
            producer.send(new ProducerRecord<>(Topics.SCORES, code, scored(run, "t-code", "sim-a"))).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> endedProgress(run));
        assertEquals(3, stageRows(run), "kept for the retention after the run ended");

        assertTrue(pruner.pruneEndedBefore(Instant.now().plus(Duration.ofDays(1))) >= 1);
        assertEquals(0, stageRows(run));
        endedProgress(run);

        // a redelivered generation after the pruning: not counted again, and pruned at the next round
        try (KafkaProducer<String, Object> producer = EvalTopics.producer()) {
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, code, codeAnswer)).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stageRows(run) == 1);
        endedProgress(run);
        pruner.pruneEndedBefore(Instant.now().plus(Duration.ofDays(1)));
        assertEquals(0, stageRows(run));
        endedProgress(run);
    }

    /** The progress of the ended run of anEndedRunsRowsArePruned..., whether read from its rows or its kept counts. */
    private static void endedProgress(String run) {
        given().get("/api/runs/" + run + "/progress").then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("dispatched", equalTo(1))
                .body("generated", equalTo(2))
                .body("generationErrors", equalTo(1))
                .body("toExecute", equalTo(1))
                .body("executed", equalTo(1))
                .body("scored", equalTo(1))
                .body("errored", equalTo(0));
    }

    private long stageRows(String run) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from item_stage where run_id = ?1").setParameter(1, run).getSingleResult())
                .longValue());
    }

    private static GenerationCompleted generation(String run, String itemId, String model, TaskSpec task,
            GenerationError error) {
        return new GenerationCompleted(GenerationCompleted.SCHEMA_VERSION, itemId, run, "progress-suite", "1", model,
                0, "base", task, error == null ? "answer" : null, error == null ? "def f(): return 1" : null,
                "fenced", Timings.none(), Usage.zero(), 0.0,
                new Provenance("simulator", model, model, "fp", "req", "ph", "ch"), error, 1, Instant.now(),
                Instant.now());
    }

    private static ItemScored scored(String run, String task, String model) {
        return new ItemScored(ItemScored.SCHEMA_VERSION, ItemIds.of(run, task, model, 0, "base"), run,
                "progress-suite", "1", task, "lists", model, 0, "base", true, 1, 1, 1, 1.0, FailureCategory.NONE,
                List.of(), Map.of(), 1, List.of(), "answer", "fenced", new Timings(0.0, 0.2, 1.0, 0.02, 0.03, 50.0,
                null), new Usage(100, 50), 0.001, new Provenance("openai", model, model, "fp_1", "req", "ph", "ch"),
                Instant.now().minusSeconds(2), Instant.now());
    }

    private static KafkaProducer<String, String> rawProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
