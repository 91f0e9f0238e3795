package io.evalwatch.sandbox.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.evalwatch.localstack.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The contract task-service relies on: POST /api/environments answers 200 with the lock hash when the
 * environment is ready, 422 naming the package when its build fails, 400 for a spec that is not one; GET lists
 * and shows; POST /api/executions runs in an environment given as a spec or as a lock hash.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class EnvironmentResourceTest {

    private static final String NUMPY = "{\"python\": {\"source\": \"debian\", \"packages\": [\"numpy\"], \"preload\": [\"numpy\"]}}";

    private static String execution(String environment) {
        return """
                {"language": "python", "code": "import numpy\\ndef f():\\n    return int(numpy.sum([1, 2]))\\n",
                 "entryPoint": "f", "tests": [{"name": "sum", "code": "assert f() == 3"}],
                 "environment": %s}
                """.formatted(environment);
    }

    @Test
    void buildsShowsListsAndRunsInIt() {
        String lockHash = given().contentType(ContentType.JSON).body(NUMPY)
                .when().post("/api/environments?wait=120")
                .then().statusCode(200)
                .body("status", equalTo("ready"))
                .body("lockHash", matchesPattern("[0-9a-f]{16}"))
                .body("lock", hasItem(containsString("python3-numpy")))
                .extract().path("lockHash");
        given().when().get("/api/environments/" + lockHash).then().statusCode(200).body("lockHash", equalTo(lockHash))
                .body("spec.python.packages", hasItem("numpy")); // what was declared, beside what it resolved to
        given().when().get("/api/environments").then().statusCode(200).body("lockHash", hasItem(lockHash));
        given().when().get("/api/environments/0000000000000000").then().statusCode(404);

        // analysed too: mypy sees no environment, and a real package it cannot find is no invented API
        given().contentType(ContentType.JSON).body(execution(NUMPY).replace("\"environment\"",
                        "\"analyze\": true, \"environment\"")).when().post("/api/executions")
                .then().statusCode(200).body("outcome", equalTo("completed")).body("tests[0].status", equalTo("passed"))
                .body("signals", not(hasItem("hallucinated_api")));
        given().contentType(ContentType.JSON).body(execution("\"" + lockHash + "\"")).when().post("/api/executions")
                .then().statusCode(200).body("outcome", equalTo("completed")).body("tests[0].status", equalTo("passed"));
        given().contentType(ContentType.JSON).body(execution("\"0000000000000000\"")).when().post("/api/executions")
                .then().statusCode(200).body("outcome", equalTo("sandbox_error"))
                .body("message", containsString("not in this sandbox's store"));
        given().contentType(ContentType.JSON).body(execution("null")).when().post("/api/executions")
                .then().statusCode(200).body("outcome", equalTo("load_error"))
                .body("signals", hasItem("missing_dependency"));
    }

    @Test
    void aFailedBuildIs422NamingThePackageAndABadSpec400() {
        given().contentType(ContentType.JSON)
                .body("{\"python\": {\"source\": \"debian\", \"packages\": [\"scipy\"]}}")
                .when().post("/api/environments?wait=120")
                .then().statusCode(422)
                .body("status", equalTo("failed"))
                .body("failedPackage", equalTo("scipy"))
                .body("message", containsString("apt-get install python3-scipy"));
        given().contentType(ContentType.JSON).body("{\"python\": {\"source\": \"conda\", \"packages\": [\"numpy\"]}}")
                .when().post("/api/environments").then().statusCode(400)
                .body("details[0]", containsString("python.source must be one of"));
        given().contentType(ContentType.JSON).body("{\"pyhton\": {\"packages\": [\"numpy\"]}}")
                .when().post("/api/environments").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/environments").then().statusCode(400)
                .body("details[0]", containsString("declares no packages"));
        given().contentType(ContentType.JSON).body(execution("\"not-a-hash\"")).when().post("/api/executions")
                .then().statusCode(400);
    }
}
