package io.evalwatch.task.rest;

import static io.evalwatch.task.testing.KafkaRecords.consume;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.DriftAlert;
import io.evalwatch.events.RunCompleted;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.Topics;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.events.serde.RunStartedDeserializer;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.evalwatch.task.testing.KafkaRecords;
import io.evalwatch.task.testing.MetricsText;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Monitors of src/test/resources/monitors.yaml; their crons never fire during the test, so runs start by hand. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_tasks_test"))
class MonitorResourceTest {

    private static final EventSerializer EVENTS = new EventSerializer();

    @Test
    void aMonitorNeverHasTwoRunsInProgress() {
        String runId = given().when().post("/api/monitors/nightly-mini/runs")
                .then().statusCode(201)
                .body("trigger", equalTo("schedule")).body("monitor", equalTo("nightly-mini"))
                .body("expectedItems", equalTo(1))
                .body("streams[0].origin", equalTo("monitor:nightly-mini"))
                .body("streams[0].streamId", not(nullValue()))
                .extract().path("runId");
        RunStarted started = consume(Topics.RUNS, new RunStartedDeserializer(), runId, 1).get(0);
        assertEquals("schedule", started.trigger());
        assertEquals("nightly-mini", started.monitor());
        assertEquals("monitor:nightly-mini", started.streams().get(0).origin());

        given().when().post("/api/monitors/nightly-mini/runs")
                .then().statusCode(409).body("field", equalTo("monitor")).body("error", containsString(runId));
        given().when().get("/api/monitors/nightly-mini")
                .then().statusCode(200).body("lastRunId", equalTo(runId)).body("lastRunState", equalTo("running"));

        // eval.alerts in the order reporting could produce it, plus a record nobody can read: the drift alert must
        // not count as completion, the unreadable record must land in the DLQ without stopping the channel
        Instant completedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KafkaRecords.send(Topics.ALERTS, runId,
                EVENTS.serialize(Topics.ALERTS, driftAlert(runId, completedAt.minusSeconds(3600))),
                "{not json".getBytes(StandardCharsets.UTF_8),
                EVENTS.serialize(Topics.ALERTS, new RunCompleted(RunCompleted.SCHEMA_VERSION, runId, "mini", "2.1.0",
                        1, 1, 0, completedAt)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/runs/" + runId)
                .then().body("completedAt", equalTo(completedAt.toString())));
        consume(Topics.deadLetter(Topics.ALERTS), new ByteArrayDeserializer(), runId, 1);
        given().when().get("/api/monitors/nightly-mini").then().body("lastRunState", equalTo("completed"));

        String next = given().when().post("/api/monitors/nightly-mini/runs")
                .then().statusCode(201).body("monitor", equalTo("nightly-mini")).extract().path("runId");
        assertNotEquals(runId, next);
        given().when().get("/api/monitors/nightly-mini")
                .then().body("lastRunId", equalTo(next)).body("lastFireTime", not(nullValue()));
        assertEquals(OptionalDouble.of(2), MetricsText.value("evalwatch_monitor_runs_total{monitor=\"nightly-mini\"}"));
        assertEquals(OptionalDouble.of(0),
                MetricsText.value("evalwatch_monitor_skipped_total{monitor=\"nightly-mini\"}"));
        double lastFire = MetricsText.value("evalwatch_monitor_last_fire_timestamp_seconds{monitor=\"nightly-mini\"}")
                .orElseThrow();
        assertTrue(Math.abs(lastFire - Instant.now().getEpochSecond()) < 120, "last fire " + lastFire);
    }

    @Test
    void monitorsAreListedWithTheirProblemsAndOnlyValidEnabledOnesAreScheduled() {
        given().when().get("/api/monitors").then().statusCode(200)
                .body("name", equalTo(List.of("nightly-mini", "broken-monitor", "paused")))
                .body("find { it.name == 'nightly-mini' }.scheduled", equalTo(true))
                .body("find { it.name == 'nightly-mini' }.nextFireTime", startsWith("209"))
                .body("find { it.name == 'nightly-mini' }.startupCatchUp", equalTo("none"))
                .body("find { it.name == 'nightly-mini' }.problems", empty())
                .body("find { it.name == 'broken-monitor' }.scheduled", equalTo(false))
                .body("find { it.name == 'broken-monitor' }.nextFireTime", nullValue())
                .body("find { it.name == 'broken-monitor' }.problems",
                        hasItem(startsWith("field 'suite': unknown suite 'nope'")))
                .body("find { it.name == 'broken-monitor' }.problems",
                        hasItem(containsString("unknown model gpt-9")))
                .body("find { it.name == 'broken-monitor' }.problems", hasItem(startsWith("field 'samples'")))
                .body("find { it.name == 'broken-monitor' }.problems", hasItem(startsWith("field 'cron'")))
                .body("find { it.name == 'paused' }.enabled", equalTo(false))
                .body("find { it.name == 'paused' }.scheduled", equalTo(false))
                .body("find { it.name == 'paused' }.cron", equalTo("0 0 6 ? * MON"));

        given().when().post("/api/monitors/broken-monitor/runs")
                .then().statusCode(422).body("field", equalTo("monitor")).body("error", containsString("nope"));
        given().when().post("/api/monitors/no-such-monitor/runs").then().statusCode(404);
    }

    private static DriftAlert driftAlert(String runId, Instant at) {
        return new DriftAlert(DriftAlert.SCHEMA_VERSION, "alert-" + runId, runId, "baseline-run", "model-a", "mini",
                "2.1.0", DriftAlert.Signals.REGRESSION, "overall", "warning", "pass rate fell", Map.of(), at, null);
    }
}
