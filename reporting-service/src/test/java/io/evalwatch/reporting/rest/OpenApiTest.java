package io.evalwatch.reporting.rest;

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

/** The OpenAPI document names the service's paths, with examples for its request bodies; Swagger UI is served. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_reporting_test"))
class OpenApiTest {

    @Test
    void theDocumentNamesThePathsAndShowsTheRequests() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("evalwatch reporting-service"))
                .body("paths.keySet()", hasItems("/api/runs", "/api/runs/{runId}/report", "/api/runs/{runId}/items",
                        "/api/runs/{runId}/regression", "/api/frontier", "/api/streams", "/api/streams/{streamId}",
                        "/api/streams/{streamId}/reference", "/api/alerts", "/api/alerts/{alertId}/acknowledge",
                        "/api/alerts/{alertId}/resolve", "/api/runs/{runId}/review/samples",
                        "/api/runs/{runId}/review/samples/{sampleId}/verdicts", "/api/runs/{runId}/review/summary"))
                .body("paths.'/api/runs/{runId}/report'.get.responses.keySet()", hasItems("200", "404"))
                .body("paths.'/api/streams/{streamId}/reference'.post.requestBody.content.'application/json'"
                        + ".examples.accept.value.by", equalTo("alice"))
                .body("paths.'/api/alerts/{alertId}/acknowledge'.post.requestBody.content.'application/json'"
                        + ".examples.acknowledge.value.by", equalTo("alice"))
                .body("paths.'/api/alerts/{alertId}/resolve'.post.responses.keySet()", hasItems("404", "409"))
                .body("tags.name", hasItems("Reports", "Regressions", "Streams", "Alerts"));
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
