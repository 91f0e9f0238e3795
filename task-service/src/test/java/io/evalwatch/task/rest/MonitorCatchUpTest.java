package io.evalwatch.task.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.evalwatch.task.testing.MetricsText;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * A start after downtime: db/catch-up-seed gives the monitors of monitors-catch-up.yaml a history in which their
 * only scheduled time (2001-01-01) passed while the service was down, or not.
 */
@QuarkusTest
@TestProfile(MonitorCatchUpTest.AfterDowntime.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_tasks_test"))
class MonitorCatchUpTest {

    /** The catch-up monitors, and a database that already holds their history when the service starts. */
    public static class AfterDowntime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evalwatch.monitors.file", "src/test/resources/monitors-catch-up.yaml",
                    "quarkus.flyway.locations", "db/migration,db/catch-up-seed");
        }
    }

    @Test
    void aScheduleMissedWhileDownRunsOnceAtStart() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> outcomes = given().when().get("/api/monitors").then().extract().path("startupCatchUp");
            return outcomes.size() == 6 && !outcomes.contains("pending");
        });

        String missedRun = given().when().get("/api/monitors/missed")
                .then().body("startupCatchUp", equalTo("started")).body("lastRunState", equalTo("running"))
                .body("lastRunId", not(equalTo("run-missed-2000"))).extract().path("lastRunId");
        given().when().get("/api/runs/" + missedRun)
                .then().statusCode(200).body("trigger", equalTo("schedule")).body("monitor", equalTo("missed"));

        given().when().get("/api/monitors/busy").then()
                .body("startupCatchUp", equalTo("skipped")).body("lastRunId", equalTo("run-busy"));
        given().when().get("/api/monitors/stale").then()
                .body("startupCatchUp", equalTo("started")).body("lastRunId", not(equalTo("run-stale")));
        given().when().get("/api/monitors/up-to-date").then()
                .body("startupCatchUp", equalTo("none")).body("lastRunId", nullValue());
        given().when().get("/api/monitors/new").then().body("startupCatchUp", equalTo("started"));
        given().when().get("/api/monitors/new-without-catch-up").then()
                .body("startupCatchUp", equalTo("none")).body("lastRunId", nullValue());

        assertEquals(OptionalDouble.of(1), MetricsText.value("evalwatch_monitor_runs_total{monitor=\"missed\"}"));
        assertEquals(OptionalDouble.of(1), MetricsText.value("evalwatch_monitor_skipped_total{monitor=\"busy\"}"));
        assertEquals(OptionalDouble.of(0), MetricsText.value("evalwatch_monitor_runs_total{monitor=\"busy\"}"));
        assertEquals(OptionalDouble.of(Instant.parse("2002-01-01T00:00:00Z").getEpochSecond()),
                MetricsText.value("evalwatch_monitor_last_fire_timestamp_seconds{monitor=\"up-to-date\"}"));
        assertEquals(OptionalDouble.empty(),
                MetricsText.value("evalwatch_monitor_last_fire_timestamp_seconds{monitor=\"new-without-catch-up\"}"),
                "a monitor that never fired has no last fire time");
    }
}
