package io.evalwatch.task.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.evalwatch.task.testing.SuiteFolders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A suite edited on disk between runs: the first run of a version stores it, the edited suite under the same version
 * is refused, a bumped version runs and the old version stays readable.
 */
@QuarkusTest
@TestProfile(SuiteVersionsTest.EditableSuites.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_tasks_test"))
class SuiteVersionsTest {

    static final Path SUITES = temporarySuites();
    static final Path EVOLVING = SUITES.resolve("evolving");

    /** Suites in a folder the test may edit, and no monitors. */
    public static class EditableSuites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evalwatch.suites.dir", SUITES.toString(),
                    "evalwatch.monitors.file", SUITES.resolve("no-monitors.yaml").toString());
        }
    }

    @Test
    void aVersionIsImmutableOnceItRan() throws IOException {
        String firstRun = run(201).extract().path("runId");
        given().when().get("/api/suites/evolving/versions").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].version", equalTo("2.1.0"))
                .body("[0].firstRunId", equalTo(firstRun))
                .body("[0].tasks.id", equalTo(List.of("add", "neg", "twice")));
        String addHash = given().when().get("/api/suites/evolving/versions/2.1.0/tasks/add").then().statusCode(200)
                .extract().path("contentHash");

        // the suite is edited under the same version: neg changed, mul added, add removed, twice kept
        write("tasks/neg.yaml", read("tasks/neg.yaml").replace("returning -a.", "returning minus a."));
        write("tasks/mul.yaml", read("tasks/twice.yaml").replace("twice", "mul"));
        Files.delete(EVOLVING.resolve("tasks/add.yaml"));

        run(409).body("status", equalTo(409)).body("field", equalTo("suite"))
                .body("error", containsString("suite 'evolving' version 2.1.0 already ran with other content"))
                .body("error", containsString("changed: neg; added: mul; removed: add"))
                .body("error", containsString("bump 'version' in suites/evolving/suite.yaml"));
        given().when().get("/api/suites").then().statusCode(200)
                .body("find { it.name == 'evolving' }.problems", hasItem(containsString("changed: neg")))
                .body("find { it.name == 'mini' }.problems", empty());

        write("suite.yaml", read("suite.yaml").replace("version: 2.1.0", "version: 2.2.0"));
        run(201).body("suiteVersion", equalTo("2.2.0"));
        given().when().get("/api/suites").then()
                .body("find { it.name == 'evolving' }.problems", empty())
                .body("find { it.name == 'evolving' }.version", equalTo("2.2.0"));

        given().when().get("/api/suites/evolving/changes?from=2.1.0").then().statusCode(200)
                .body("from", equalTo("2.1.0")).body("to", equalTo("2.2.0"))
                .body("added", equalTo(List.of("mul"))).body("changed", equalTo(List.of("neg")))
                .body("retired", equalTo(List.of("add"))).body("unchanged", equalTo(List.of("twice")));
        given().when().get("/api/suites/evolving/changes?from=2.2.0&to=2.1.0").then().statusCode(200)
                .body("added", equalTo(List.of("add"))).body("retired", equalTo(List.of("mul")));
        given().when().get("/api/suites/evolving/versions").then()
                .body("version", equalTo(List.of("2.1.0", "2.2.0")))
                .body("[1].tasks.id", equalTo(List.of("mul", "neg", "twice")));

        // the retired task is still readable, as its version stored it
        given().when().get("/api/suites/evolving/versions/2.1.0/tasks/add").then().statusCode(200)
                .body("contentHash", equalTo(addHash)).body("firstRunId", equalTo(firstRun))
                .body("content.id", equalTo("add")).body("content.entry_point", equalTo("add"))
                .body("content.prompt", containsString("add(a: int, b: int)"))
                .body("content.reference", containsString("return a + b"))
                .body("content.tests[1].edge", equalTo(true));
        given().when().get("/api/suites/evolving/versions/2.2.0/tasks/add").then().statusCode(404)
                .body("field", equalTo("taskId"));
        given().when().get("/api/suites/evolving/versions/9.9/tasks/add").then().statusCode(404)
                .body("field", equalTo("version"));
        given().when().get("/api/suites/evolving/changes").then().statusCode(400).body("field", equalTo("from"));
        given().when().get("/api/suites/evolving/changes?from=0.0.1").then().statusCode(404)
                .body("field", equalTo("from")).body("error", containsString("2.1.0"));
        given().when().get("/api/suites/nope/versions").then().statusCode(404);
    }

    @Test
    void theRotationReportListsUnreviewedTasksAndProposesAShare() {
        String recent = LocalDate.now().minusDays(10).toString();
        given().when().get("/api/suites/reviewed/rotation?days=90&share=0.5").then().statusCode(200)
                .body("suite", equalTo("reviewed")).body("days", equalTo(90)).body("tasks", equalTo(4))
                .body("due.id", equalTo(List.of("c", "a", "b")))
                .body("due[0].reviewed", nullValue()).body("due[1].reviewed", equalTo("2020-01-01"))
                .body("proposed.id", equalTo(List.of("c", "b")));
        given().when().get("/api/suites/reviewed").then()
                .body("tasks.find { it.id == 'd' }.reviewed", equalTo(recent));
        given().when().get("/api/suites/reviewed/rotation?days=0").then().statusCode(400)
                .body("field", equalTo("days"));
        given().when().get("/api/suites/reviewed/rotation?share=1.5").then().statusCode(400)
                .body("field", equalTo("share"));
        assertEquals(404, given().when().get("/api/suites/nope/rotation").then().extract().statusCode());
    }

    private static io.restassured.response.ValidatableResponse run(int status) {
        return given().contentType(ContentType.JSON).body(Map.of("suite", "evolving", "models", List.of("model-a")))
                .when().post("/api/runs").then().statusCode(status);
    }

    private static String read(String file) throws IOException {
        return Files.readString(EVOLVING.resolve(file));
    }

    private static void write(String file, String text) throws IOException {
        Files.writeString(EVOLVING.resolve(file), text);
    }

    private static Path temporarySuites() {
        try {
            Path dir = Files.createTempDirectory("evalwatch-suites");
            SuiteFolders.copy(SuiteFolders.SUITES.resolve("mini"), dir.resolve("mini"));
            Path evolving = SuiteFolders.copy(SuiteFolders.SUITES.resolve("mini"), dir.resolve("evolving"));
            Files.writeString(evolving.resolve("suite.yaml"), "name: evolving\nversion: 2.1.0\n");
            Files.writeString(evolving.resolve("tasks/twice.yaml"), Files.readString(evolving.resolve("tasks/neg.yaml"))
                    .replace("neg", "twice").replace("-a", "2 * a").replace("-1", "2"));
            Path reviewed = dir.resolve("reviewed/tasks");
            Files.createDirectories(reviewed);
            Files.writeString(dir.resolve("reviewed/suite.yaml"), "name: reviewed\nversion: 1.0.0\n");
            String recent = LocalDate.now().minusDays(10).toString();
            Map<String, String> tasks = Map.of("a", "x\nreviewed: 2020-01-01", "b", "y\nreviewed: 2021-01-01",
                    "c", "x", "d", "y\nreviewed: " + recent);
            for (var task : tasks.entrySet()) {
                Files.writeString(reviewed.resolve(task.getKey() + ".yaml"), """
                        id: %s
                        entry_point: f
                        prompt: p %s
                        reference: r
                        tests: [{name: t, code: assert True}]
                        category: %s
                        """.formatted(task.getKey(), task.getKey(), task.getValue()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
