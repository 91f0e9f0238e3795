package io.evalwatch.sandbox.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.evalwatch.localstack.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names the service's paths, with examples for its request bodies; Swagger UI is served. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class OpenApiTest {

    @Test
    void theDocumentNamesThePathsAndShowsTheRequests() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("evalwatch sandbox-service"))
                .body("paths.keySet()", hasItems("/api/executions", "/api/environments",
                        "/api/environments/{lockHash}"))
                .body("paths.'/api/executions'.post.responses.keySet()", hasItems("200", "400", "503"))
                .body("paths.'/api/executions'.post.requestBody.content.'application/json'.examples.python.value"
                        + ".language", equalTo("python"))
                .body("paths.'/api/environments'.post.responses.keySet()", hasItems("200", "202", "400", "422"))
                .body("paths.'/api/environments'.post.requestBody.content.'application/json'.examples.python.value"
                        + ".python.source", equalTo("debian"))
                .body("tags.name", hasItems("Executions", "Environments"));
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
