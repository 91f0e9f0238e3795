package io.evalwatch.generator.rest;

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

/** The OpenAPI document names the service's paths and the statuses they answer; Swagger UI is served. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class OpenApiTest {

    @Test
    void theDocumentNamesThePaths() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("evalwatch generator-service"))
                .body("paths.keySet()", hasItems("/api/models", "/api/models/check", "/api/models/{name}/check"))
                .body("paths.'/api/models/{name}/check'.post.responses.keySet()", hasItems("200", "404"))
                .body("tags.name", hasItems("Models"));
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
