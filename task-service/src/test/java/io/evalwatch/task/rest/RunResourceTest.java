package io.evalwatch.task.rest;

import static io.evalwatch.task.testing.KafkaRecords.consume;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.evalwatch.events.ItemIds;
import io.evalwatch.events.JudgeSpec;
import io.evalwatch.events.judge.JudgeRubrics;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.StreamKey;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.Topics;
import io.evalwatch.events.serde.RunStartedDeserializer;
import io.evalwatch.events.serde.TaskDispatchedDeserializer;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_tasks_test"))
class RunResourceTest {

    @Test
    void startsARunAndDispatchesOneItemPerTaskModelAndSample() {
        String runId = given().contentType(ContentType.JSON)
                .body(Map.of("suite", "mini", "models", List.of("model-a", "model-b"), "samples", 3))
                .when().post("/api/runs")
                .then().statusCode(201)
                .body("expectedItems", equalTo(12))
                .body("suiteVersion", equalTo("2.1.0"))
                .extract().path("runId");

        List<TaskDispatched> items = consume(Topics.TASKS, new TaskDispatchedDeserializer(), runId, 12);
        Set<String> ids = new HashSet<>();
        items.forEach(i -> ids.add(i.itemId()));
        assertEquals(12, ids.size(), "every item id is distinct");
        assertEquals(ItemIds.of(runId, "add", "model-a", 0, "base"),
                items.stream().filter(i -> i.task().id().equals("add") && i.model().equals("model-a")
                        && i.sample() == 0).findFirst().orElseThrow().itemId());
        RunStarted started = consume(Topics.RUNS, new RunStartedDeserializer(), runId, 1).get(0);
        assertEquals(12, started.expectedItems());

        given().when().get("/api/runs/" + runId).then().statusCode(200).body("samples", equalTo(3));
    }

    @Test
    void aJudgedSuiteSendsItsJudgeWithEveryItem() {
        String runId = given().contentType(ContentType.JSON)
                .body(Map.of("suite", "judged", "models", List.of("model-b"), "samples", 2))
                .when().post("/api/runs")
                .then().statusCode(201).body("expectedItems", equalTo(2))
                .extract().path("runId");

        List<TaskDispatched> items = consume(Topics.TASKS, new TaskDispatchedDeserializer(), runId, 2);
        items.forEach(i -> assertEquals(new JudgeSpec("judge-a", "generation", JudgeRubrics.VERSION), i.judge()));
    }

    @Test
    void aModelOfTheJudgesFamilyIsRefusedWith422AndNothingIsDispatched() {
        String error = given().contentType(ContentType.JSON)
                .body(Map.of("suite", "judged", "models", List.of("model-b", "model-a")))
                .when().post("/api/runs")
                .then().statusCode(422).contentType(containsString("application/problem+json"))
                .body("field", equalTo("judge"))
                .extract().path("error");
        assertTrue(error.contains("'judged'") && error.contains("'judge-a'") && error.contains("'model-a'")
                && error.contains("'fam-a'"), error);
        given().when().get("/api/runs?limit=200").then().statusCode(200)
                .body("findAll { it.suite == 'judged' }.models.flatten()", not(hasItem("model-a")));
    }

    @Test
    void aSubsetOfTasksCanBeRun() {
        given().contentType(ContentType.JSON)
                .body(Map.of("suite", "mini", "models", List.of("model-a"), "samples", 2, "tasks", List.of("neg")))
                .when().post("/api/runs")
                .then().statusCode(201).body("expectedItems", equalTo(2));
    }

    @Test
    void unknownSuiteModelOrTaskIsA400NamingIt() {
        given().contentType(ContentType.JSON).body(Map.of("suite", "nope", "models", List.of("model-a")))
                .when().post("/api/runs")
                .then().statusCode(400).body("field", equalTo("suite")).body("error", containsString("'nope'"))
                .body("error", containsString("mini"));
        given().contentType(ContentType.JSON).body(Map.of("suite", "mini", "models", List.of("model-a", "gpt-9")))
                .when().post("/api/runs")
                .then().statusCode(400).body("field", equalTo("models")).body("error", containsString("gpt-9"));
        given().contentType(ContentType.JSON)
                .body(Map.of("suite", "mini", "models", List.of("model-a"), "tasks", List.of("missing-task")))
                .when().post("/api/runs")
                .then().statusCode(400).body("error", containsString("missing-task"));
        given().contentType(ContentType.JSON).body(Map.of("suite", "mini", "models", List.of("model-a"), "samples", 0))
                .when().post("/api/runs")
                .then().statusCode(400).body("field", equalTo("samples"));
        given().contentType(ContentType.JSON)
                .body(Map.of("suite", "mini", "models", List.of("model-a"), "variants", List.of("zero-shot")))
                .when().post("/api/runs")
                .then().statusCode(400).body("field", equalTo("variants"))
                .body("error", containsString("unknown prompt variant zero-shot; known variants: [base, few-shot,"
                        + " chain-of-thought, structured"));
    }

    @Test
    void variantsBesideBaseAreDispatchedEachWithItsStream() {
        given().contentType(ContentType.JSON)
                .body(Map.of("suite", "mini", "models", List.of("model-a"), "variants", List.of("few-shot")))
                .when().post("/api/runs")
                .then().statusCode(201).body("expectedItems", equalTo(4))
                .body("variants", equalTo(List.of("base", "few-shot")))
                .body("streams.variant", equalTo(List.of("base", "few-shot")));
    }

    @Test
    void suitesAreListedWithTheirProblems() {
        given().when().get("/api/suites").then().statusCode(200)
                .body("find { it.name == 'mini' }.tasks", equalTo(2))
                .body("find { it.name == 'broken' }.problems.size()", equalTo(7));
        given().contentType(ContentType.JSON).body(Map.of("suite", "broken", "models", List.of("model-a")))
                .when().post("/api/runs")
                .then().statusCode(422).body("error", containsString("bad.yaml"));
    }

    @Test
    void triggerAndMonitorAreSetByTheServiceOnly() {
        Map<String, Object> forged = new HashMap<>(Map.of("suite", "mini", "models", List.of("model-a")));
        forged.put("trigger", "schedule");
        forged.put("monitor", "nightly-mini");
        given().contentType(ContentType.JSON).body(forged)
                .when().post("/api/runs")
                .then().statusCode(400).body("status", equalTo(400)).body("field", equalTo("trigger,monitor"))
                .body("error", containsString("trigger and monitor are set by task-service"));
        given().contentType(ContentType.JSON)
                .body(Map.of("suite", "mini", "models", List.of("model-a"), "trigger", "manual"))
                .when().post("/api/runs")
                .then().statusCode(400).body("field", equalTo("trigger"));
        given().contentType(ContentType.JSON)
                .body(Map.of("suite", "mini", "models", List.of("model-a"), "monitor", "nightly-mini"))
                .when().post("/api/runs")
                .then().statusCode(400).body("field", equalTo("monitor"));
        given().contentType(ContentType.JSON)
                .body(Map.of("suite", "mini", "models", List.of("model-a"), "series", "Main Branch"))
                .when().post("/api/runs")
                .then().statusCode(400).body("field", equalTo("series")).body("error", containsString("Main Branch"));
        given().contentType(ContentType.JSON)
                .body(Map.of("suite", "mini", "models", List.of("model-a"), "gate", "yes"))
                .when().post("/api/runs")
                .then().statusCode(400).body("field", equalTo("gate"));
    }

    @Test
    void aGateRunOfASeriesCarriesItsStreamKeysAndTaskHashes() {
        Map<String, Object> request = Map.of("suite", "mini", "models", List.of("model-a", "model-b"), "samples", 2,
                "gate", true, "series", "main");
        String runId = given().contentType(ContentType.JSON).body(request)
                .when().post("/api/runs")
                .then().statusCode(201)
                .body("trigger", equalTo("gate")).body("series", equalTo("main")).body("monitor", nullValue())
                .body("streams.size()", equalTo(2))
                .body("streams[0].origin", equalTo("series:main")).body("streams[0].model", equalTo("model-a"))
                .body("streams[0].variant", equalTo("base")).body("streams[0].samples", equalTo(2))
                .body("streams[0].environmentHash", nullValue())
                .body("taskHashes.keySet()", containsInAnyOrder("add", "neg"))
                .extract().path("runId");

        RunStarted started = consume(Topics.RUNS, new RunStartedDeserializer(), runId, 1).get(0);
        assertEquals("gate", started.trigger());
        assertEquals("main", started.series());
        assertEquals(2, started.taskHashes().size());
        StreamKey key = started.stream("model-a", "base").orElseThrow();
        assertEquals("series:main", key.origin());
        given().when().get("/api/runs/" + runId).then().statusCode(200)
                .body("streams[0].streamId", equalTo(key.id()))
                .body("streams[0].segment", equalTo(key.segment()))
                .body("streams[0].taskSetHash", equalTo(key.taskSetHash()))
                .body("streams[0].generationConfigHash", equalTo(key.generationConfigHash()))
                .body("taskHashes.add", equalTo(started.taskHashes().get("add")));

        String again = given().contentType(ContentType.JSON).body(request).when().post("/api/runs")
                .then().statusCode(201).extract().path("streams[0].streamId");
        assertEquals(key.id(), again, "the same request is the same stream");
        Map<String, Object> moreSamples = new HashMap<>(request);
        moreSamples.put("samples", 3);
        String other = given().contentType(ContentType.JSON).body(moreSamples).when().post("/api/runs")
                .then().statusCode(201).extract().path("streams[0].streamId");
        assertNotEquals(key.id(), other);
    }

    @Test
    void anAdHocRunBelongsToNoStream() {
        given().contentType(ContentType.JSON).body(Map.of("suite", "mini", "models", List.of("model-a")))
                .when().post("/api/runs")
                .then().statusCode(201)
                .body("trigger", equalTo("manual")).body("series", nullValue())
                .body("streams[0].origin", nullValue()).body("streams[0].streamId", nullValue())
                .body("streams[0].segment", notNullValue());
    }

    @Test
    void malformedJsonIsAProblemNamingTheParseError() {
        given().contentType(ContentType.JSON).body("{\"suite\": \"mini\", ")
                .when().post("/api/runs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("detail", containsString("malformed JSON"))
                .body("instance", equalTo("/api/runs"));
    }
}
