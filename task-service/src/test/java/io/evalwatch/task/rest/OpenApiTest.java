package io.evalwatch.task.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names the service's paths, with examples for a run request; Swagger UI is served. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_tasks_test"))
class OpenApiTest {

    @Test
    void theDocumentNamesThePathsAndShowsARunRequest() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("evalwatch task-service"))
                .body("paths.keySet()", hasItems("/api/runs", "/api/runs/{runId}", "/api/suites",
                        "/api/suites/{name}", "/api/suites/{name}/changes", "/api/monitors",
                        "/api/monitors/{name}/runs"))
                .body("paths.'/api/runs'.post.summary", notNullValue())
                .body("paths.'/api/runs'.post.responses.keySet()", hasItems("201", "400", "409", "422", "503"))
                .body("paths.'/api/runs'.post.requestBody.content.'application/json'.examples.run.value.suite",
                        equalTo("starter"))
                .body("paths.'/api/runs'.post.requestBody.content.'application/json'.examples.gate.value.gate",
                        equalTo(true))
                .body("tags.name", hasItems("Runs", "Suites", "Monitors"));
    }

    @Test
    void everyOperationHasASummary() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.collectMany { path, item -> item.findAll { it.key in ['get', 'post', 'put', 'delete'] }"
                        + ".collect { it.value.summary } }", everyItem(notNullValue()));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
