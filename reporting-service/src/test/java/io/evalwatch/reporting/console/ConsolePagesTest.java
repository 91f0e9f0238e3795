package io.evalwatch.reporting.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Topics;
import io.evalwatch.events.Usage;
import io.evalwatch.events.probe.LongContext;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each console page answers 200 with its key content, from two ad-hoc runs on a real broker and database: in run B
 * sim-b fails two of the four tasks it passed in run A. (Keys and the browser: e2e-tests' ConsoleBrowserIT.)
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_reporting_test"))
class ConsolePagesTest {

    private static final List<String> TASKS = List.of("t0", "t1", "t2", "t3");
    private static final String a = UUID.randomUUID().toString();
    private static final String b = UUID.randomUUID().toString();
    private static final String probes = UUID.randomUUID().toString();
    private static boolean seeded;

    /** Once, before the first test (RestAssured knows the test port only from then on). */
    @BeforeEach
    void twoRuns() throws Exception {
        if (seeded) {
            return;
        }
        seeded = true;
        try (KafkaProducer<String, Object> producer = producer()) {
            for (String run : List.of(a, b)) {
                producer.send(new ProducerRecord<>(Topics.RUNS, run, new RunStarted(1, run, "console-suite", "1+abc",
                        List.of("sim-a", "sim-b"), 1, 8, "manual", null, Instant.now(), null, null, null))).get();
                for (String task : TASKS) {
                    for (String model : List.of("sim-a", "sim-b")) {
                        boolean passed = !(run.equals(b) && model.equals("sim-b") && List.of("t0", "t1").contains(task));
                        ItemScored s = scored(run, task, model, passed);
                        producer.send(new ProducerRecord<>(Topics.SCORES, s.itemId(), s)).get();
                    }
                }
            }
        }
        publishProbeRun();
        for (String run : List.of(a, b, probes)) {
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> given().get("/api/runs/" + run + "/report")
                    .then().statusCode(200).body("status", equalTo("completed")));
        }
    }

    /**
     * A run of sim-p with every probe: 12 tasks whose originals pass and whose twins pass 2 (a memoriser), 2 tasks
     * repeated 3 times, and 4 needles at each position of a 2k context, found everywhere but in the middle.
     */
    private static void publishProbeRun() throws Exception {
        List<ItemScored> items = new java.util.ArrayList<>();
        for (int t = 0; t < 12; t++) {
            items.add(scored(probes, "t" + t, "sim-p", 0, "base", true));
            items.add(scored(probes, "t" + t, "sim-p", 0, "twin", t < 2));
        }
        for (int t = 0; t < 2; t++) {
            for (int r = 0; r < 3; r++) {
                items.add(scored(probes, "r" + t, "sim-p", r, "repeat", r != 1));
            }
        }
        for (int position : LongContext.POSITIONS) {
            for (int n = 0; n < 4; n++) {
                items.add(scored(probes, "needle-f" + n, "sim-p", 0, new LongContext.Cell(2000, position).variant(),
                        position != 50));
            }
        }
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.RUNS, probes, new RunStarted(1, probes, "console-probes",
                    "1+abc", List.of("sim-p"), 1, items.size(), "manual", null, Instant.now(), null, null, null)))
                    .get();
            for (ItemScored s : items) {
                producer.send(new ProducerRecord<>(Topics.SCORES, s.itemId(), s)).get();
            }
        }
    }

    @Test
    void runsListsBothWithLinksToTheirReports() {
        given().get("/console/runs").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("href=\"/console/runs/" + a + "\""))
                .body(containsString("href=\"/console/runs/" + b + "\""))
                .body(containsString("<nav class=\"top\">"));
        given().queryParam("suite", "no-such-suite").get("/console/runs").then().statusCode(200)
                .body(not(containsString(a))).body(containsString("0 run(s)"));
    }

    @Test
    void theReportShowsEachModelsFiguresAndBothCharts() {
        given().get("/console/runs/" + b).then().statusCode(200)
                .body(containsString("data-model=\"sim-b\""))
                .body(containsString("<td class=\"pass-rate\">50.0 %</td>"))
                .body(containsString("<td class=\"pass-rate\">100.0 %</td>"))
                .body(containsString("Weighted score distribution"))
                .body(containsString("items (count)"))
                .body(containsString("Latency percentiles"))
                .body(containsString("latency (s)"))
                .body(containsString("<svg"))
                .body(containsString("wrong_answer"));
    }

    @Test
    void theReportOfAProbeRunHasTheProbesSectionsAndTheLongContextCurve() {
        given().get("/console/runs/" + probes).then().statusCode(200)
                .body(containsString("<h2 id=\"contamination\">Contamination probe</h2>"))
                .body(containsString("<td class=\"flag\">memorised?</td>"))
                .body(containsString("sim-p passes 1.00 of the originals and 0.17 of their twins"))
                .body(containsString("<h2 id=\"consistency\">Consistency probe</h2>"))
                .body(containsString("the same prompt scored differently between repeats"))
                .body(containsString("<h2 id=\"long-context\">Long-context probe</h2>"))
                .body(containsString("<title>Needles found by position: sim-p</title>"))
                .body(containsString("needle position (% of the context)"))
                .body(containsString("2k tokens at 50 %: 0 of 4 found"));
        given().get("/console/runs/" + a).then().statusCode(200)
                .body(not(containsString("Contamination probe"))).body(not(containsString("Long-context probe")));
    }

    @Test
    void theComparisonListsThePassRateDifferenceAndTheFlippedItems() {
        given().queryParam("a", a).queryParam("b", b).get("/console/compare").then().statusCode(200)
                .body(containsString("Items that flipped (2)"))
                .body(containsString("<td class=\"model\">sim-b</td><td>100.0 %</td><td>50.0 %</td><td>-50.0 pp</td>"));
        // the JSON API behind it (the CLI's compare) gives the same figures
        given().queryParam("a", a).queryParam("b", b).get("/api/compare").then().statusCode(200)
                .body("models.model", equalTo(List.of("sim-a", "sim-b")))
                .body("models[1].all.passRateB", equalTo(0.5f))
                .body("models[1].all.worse", equalTo(2))
                .body("models[1].kinds[0].scope", equalTo("generation"))
                .body("flips.taskId", equalTo(List.of("t0", "t1")));
        given().queryParam("a", a).get("/api/compare").then().statusCode(400);
        given().queryParam("a", a).queryParam("b", "no-such-run").get("/api/compare").then().statusCode(404);
    }

    @Test
    void regressionStreamsFrontierAndAlertsAnswer() {
        given().get("/console/runs/" + b + "/regression").then().statusCode(200)
                .body(containsString("Regression report of")).body(containsString("data-model=\"sim-b\""));
        given().get("/console/streams").then().statusCode(200).body(containsString("Comparison streams"));
        given().get("/console/frontier").then().statusCode(200).body(containsString("Cost-quality frontier"));
        given().get("/console/alerts").then().statusCode(200).body(containsString("requires the operator role"));
        given().get("/console/login").then().statusCode(200).body(containsString("name=\"key\""));
    }

    @Test
    void anAlertIsListedWithItsButtonsAndTheAcknowledgeFormChangesIt() {
        String name = "ConsolePagesCheck" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body("{\"alerts\":[{\"status\":\"firing\",\"labels\":"
                + "{\"alertname\":\"" + name + "\"},\"annotations\":{\"summary\":\"console check\"}}]}")
                .post("/api/alerts/alertmanager").then().statusCode(200);
        String alertId = given().queryParam("signal", name).get("/api/alerts").then().statusCode(200)
                .extract().jsonPath().getString("[0].alertId");
        given().get("/console/alerts").then().statusCode(200)
                .body(containsString("data-alert=\"" + alertId + "\""))
                .body(containsString("action=\"/console/alerts/" + alertId + "/acknowledge\""));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("note", "looking into it").formParam("by", "alice")
                .post("/console/alerts/" + alertId + "/acknowledge").then().statusCode(303);
        given().queryParam("signal", name).get("/api/alerts").then().statusCode(200)
                .body("[0].status", equalTo("acknowledged")).body("[0].acknowledgedBy", equalTo("alice"));
        given().queryParam("status", "acknowledged").get("/console/alerts").then().statusCode(200)
                .body(containsString("data-alert=\"" + alertId + "\""));
    }

    @Test
    void anUnknownRunIsA404PageAndTheStylesheetIsServed() {
        given().get("/console/runs/no-such-run").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("reporting has not seen run no-such-run"));
        given().get("/console/console.css").then().statusCode(200).body(containsString("figure.chart"));
    }

    private static ItemScored scored(String run, String task, String model, boolean passed) {
        return scored(run, task, model, 0, "base", passed);
    }

    private static ItemScored scored(String run, String task, String model, int sample, String variant,
            boolean passed) {
        String suite = run.equals(probes) ? "console-probes" : "console-suite";
        return new ItemScored(ItemScored.SCHEMA_VERSION, ItemIds.of(run, task, model, sample, variant), run,
                suite, "1+abc", task, "lists", model, sample, variant, passed, passed ? 3 : 0, 3, 1,
                passed ? 1.0 : -1.0, passed ? FailureCategory.NONE : FailureCategory.WRONG_ANSWER, List.of(),
                Map.of(), 1, List.of(), "answer to " + task, "fenced",
                new Timings(0.0, 0.2, 1.0, 0.02, 0.03, 50.0, null), new Usage(100, 50), 0.001,
                new Provenance("openai", model, model, "fp_1", "req", "ph", "ch"), Instant.now().minusSeconds(2),
                Instant.now());
    }

    private static KafkaProducer<String, Object> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new EventSerializer());
    }
}
