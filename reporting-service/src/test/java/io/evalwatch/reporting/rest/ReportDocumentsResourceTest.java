package io.evalwatch.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.StreamKey;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Topics;
import io.evalwatch.events.Usage;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.evalwatch.reporting.testing.EvalTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report documents over REST, from two runs of one series on a real broker and database: run A passes every item,
 * run B (later) fails them all with an answer holding a fence. Each run's report shows the frontier as of its own end:
 * A's has A's point, B's has B's.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_reporting_test"))
class ReportDocumentsResourceTest {

    private static final String SUITE = "documents-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String MODEL = "sim-doc";
    private static final String ANSWER = "Sure:\n```python\ndef f():\n    return 2\n```";
    private static String a;
    private static String b;

    @BeforeEach
    void twoRunsOfASeries() throws Exception {
        if (a == null) {
            a = run(true);
            b = run(false);
        }
    }

    @Test
    void theRunReportIsJsonByDefaultAndADocumentByFormatOrAccept() {
        given().get("/api/runs/" + a + "/report").then().statusCode(200).contentType(startsWith("application/json"))
                .body("runId", equalTo(a));
        given().queryParam("format", "markdown").get("/api/runs/" + a + "/report").then().statusCode(200)
                .contentType(startsWith("text/markdown"))
                .body(startsWith("# Run report: " + a))
                .body(containsString("## Cost-quality frontier as of this run"))
                .body(containsString("| " + MODEL + " | " + a.substring(0, 8) + " |"))
                .body(not(containsString(b.substring(0, 8))));
        given().accept("text/html").get("/api/runs/" + b + "/report").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<h2 id=\"frontier\">Cost-quality frontier as of this run</h2>"))
                .body(containsString("<td>" + b.substring(0, 8) + "</td>"))
                .body(containsString("cost per completed task (USD)"));
        given().accept("text/markdown").get("/api/runs/" + a + "/report").then().statusCode(200)
                .contentType(startsWith("text/markdown"));
    }

    @Test
    void chartsAreSvgFilesThatMarkdownLinksWhenAskedTo() {
        given().queryParam("format", "md").queryParam("charts", "report-").get("/api/runs/" + a + "/report").then()
                .statusCode(200).body(containsString("](report-latency.svg)"))
                .body(containsString("](report-frontier.svg)"));
        given().get("/api/runs/" + a + "/report/charts/latency.svg").then().statusCode(200)
                .contentType(startsWith("image/svg+xml")).body(startsWith("<?xml"))
                .body(containsString("latency (s)"));
        given().get("/api/runs/" + a + "/report/charts/nothing.svg").then().statusCode(404);
        given().queryParam("format", "markdown").queryParam("charts", "a b)").get("/api/runs/" + a + "/report").then()
                .statusCode(400);
        given().queryParam("format", "pdf").get("/api/runs/" + a + "/report").then().statusCode(400)
                .body("detail", containsString("json, html or markdown"));
    }

    @Test
    void theRegressionReportFencesTheAnswerAndAnswersInEachFormat() {
        String md = given().queryParam("format", "markdown").get("/api/runs/" + b + "/regression").then()
                .statusCode(200).contentType(startsWith("text/markdown")).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(md.contains("````\n" + ANSWER + "\n````"), md);
        // all 20 pass, then none: the comparisons regress (the stream's detector may still wait for more checks)
        org.junit.jupiter.api.Assertions.assertTrue(md.contains("| all | passRate | 1.000 | 0.000 | -1.0000 |"), md);
        org.junit.jupiter.api.Assertions.assertTrue(md.contains("### Tasks that got worse"), md);
        given().accept("text/html").get("/api/runs/" + b + "/regression").then().statusCode(200)
                .contentType(startsWith("text/html")).body(containsString("<svg"))
                .body(containsString("<h2 id=\"frontier\">"));
        given().get("/api/runs/" + b + "/regression").then().statusCode(200).contentType(startsWith("application/json"))
                .body("models[0].baselineRunId", equalTo(a));
        given().get("/api/runs/" + b + "/regression.md").then().statusCode(200).body(containsString("````"));
        given().get("/api/runs/" + b + "/regression/charts/pass-rate-" + MODEL + ".svg").then().statusCode(200)
                .body(containsString("reference run"));
    }

    /** A run of the series: every item passed, or failed; returns its id once analysed. */
    private static String run(boolean pass) throws Exception {
        String runId = UUID.randomUUID().toString();
        Map<String, String> tasks = new LinkedHashMap<>();
        for (int t = 0; t < 20; t++) {
            tasks.put("t" + t, "hash-" + t);
        }
        StreamKey key = new StreamKey(StreamKey.seriesOrigin("documents"), MODEL, SUITE, "set", 1, "cfg", "base", null);
        try (KafkaProducer<String, Object> producer = EvalTopics.producer()) {
            producer.send(new ProducerRecord<>(Topics.RUNS, runId, new RunStarted(1, runId, SUITE, "1", List.of(MODEL),
                    1, tasks.size(), "manual", null, Instant.now(), "documents", List.of(key), tasks))).get();
            for (String task : tasks.keySet()) {
                ItemScored item = scored(runId, task, pass);
                producer.send(new ProducerRecord<>(Topics.SCORES, item.itemId(), item)).get();
            }
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            JsonPath r = given().get("/api/runs/" + runId + "/regression").then().extract().jsonPath();
            return "completed".equals(given().get("/api/runs/" + runId + "/report").then().extract().path("status"))
                    && r.getList("models").size() == 1 && !"pending".equals(r.getString("models[0].verdict"));
        });
        return runId;
    }

    private static ItemScored scored(String run, String task, boolean passed) {
        return new ItemScored(1, ItemIds.of(run, task, MODEL, 0, "base"), run, SUITE, "1", task, "lists", MODEL, 0,
                "base", passed, passed ? 3 : 0, 3, passed ? 1 : 0, passed ? 1 : -1,
                passed ? FailureCategory.NONE : FailureCategory.WRONG_ANSWER, List.of(), Map.of(), 1, List.of(),
                passed ? "```python\ndef f():\n    return 1\n```" : ANSWER, "fenced",
                new Timings(0.0, 0.3, 1.0, 0.02, 0.03, 50.0, 0.001), new Usage(100, 50), 0.001,
                new Provenance("openai", MODEL, MODEL, "fp_1", "req", "ph", "cfg"), Instant.now().minusSeconds(2),
                Instant.now());
    }
}
