package io.evalwatch.sandbox.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.evalwatch.localstack.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** POST /api/executions, the health check that says whether isolation works, and the sandbox metrics. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ExecutionResourceTest {

    private static final String ADD = """
            {
              "language": "python",
              "code": "def add(a, b):\\n    return a + b\\n",
              "entryPoint": "add",
              "tests": [
                {"name": "sum", "code": "assert add(2, 3) == 5"},
                {"name": "negative", "code": "assert add(-1, -1) == -3", "edge": true}
              ],
              "limits": {"wallSeconds": 5, "memoryMb": 256},
              "analyze": true
            }
            """;

    @Test
    void executesSynchronouslyWithPerTestResultsSignalsAndAnalysis() {
        given().contentType(ContentType.JSON).body(ADD)
                .when().post("/api/executions")
                .then().statusCode(200)
                .body("outcome", equalTo("completed"))
                .body("tests", hasSize(2))
                .body("tests[0].status", equalTo("passed"))
                .body("tests[1].status", equalTo("failed"))
                .body("tests[1].edge", equalTo(true))
                .body("signals", hasItem("edge_case_only_failure"))
                .body("isolation", startsWith("bwrap"))
                .body("staticAnalysis.mccabe.functions.add", equalTo(1))
                .body("staticAnalysis.pyflakes.undefinedNames", hasSize(0));
    }

    @Test
    void staticAnalysisFindsUndefinedNamesAndSecurityIssues() {
        String body = """
                {"language": "python", "entryPoint": "run", "analyze": true, "tests": [],
                 "code": "import subprocess\\ndef run(cmd):\\n    subprocess.call(cmd, shell=True)\\n    return helper(cmd)\\n"}
                """;
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/executions")
                .then().statusCode(200)
                .body("staticAnalysis.pyflakes.undefinedNames", hasItem("helper"))
                .body("staticAnalysis.bandit.issues.testId", hasItem("B602"))
                .body("staticAnalysis.mypy.errors[0]", containsString("helper"))
                .body("signals", hasItems("undefined_names", "hallucinated_api"));
    }

    @Test
    void rejectsAnUnknownLanguageAndABadEntryPoint() {
        given().contentType(ContentType.JSON)
                .body("{\"language\": \"cobol\", \"code\": \"x\", \"entryPoint\": \"f\", \"tests\": []}")
                .when().post("/api/executions")
                .then().statusCode(400)
                .body("details[0]", containsString("language must be one of"));
        given().contentType(ContentType.JSON)
                .body("{\"language\": \"python\", \"code\": \"x\", \"entryPoint\": \"f; import os\", \"tests\": []}")
                .when().post("/api/executions")
                .then().statusCode(400)
                .body("details[0]", containsString("entryPoint"));
    }

    @Test
    void readinessSaysHowExecutionsAreIsolated() {
        given().when().get("/q/health/ready")
                .then().body("checks.find { it.name == 'sandbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'sandbox' }.data.isolation", equalTo("bwrap+setpriv+seccomp+cgroup+forkserver"));
    }

    @Test
    void publishesTheExecutionHistogramAndCounter() {
        given().contentType(ContentType.JSON).body(ADD).when().post("/api/executions").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(metrics,
                containsString("evalwatch_sandbox_execution_seconds_bucket{language=\"python\",le=\"0.05\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics,
                containsString("evalwatch_sandbox_executions_total{language=\"python\",outcome=\"completed\"}"));
    }

    @Test
    void malformedJsonIsAProblemNamingTheParseError() {
        given().contentType(ContentType.JSON).body("{\"language\": \"python\", \"code\": ")
                .when().post("/api/executions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("malformed JSON"))
                .body("instance", equalTo("/api/executions"));
    }
}
