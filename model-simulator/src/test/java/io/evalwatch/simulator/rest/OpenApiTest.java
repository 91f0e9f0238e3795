package io.evalwatch.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names the admin API's paths, with an example version switch; Swagger UI is served. */
@QuarkusTest
class OpenApiTest {

    @Test
    void theDocumentNamesTheAdminPaths() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("evalwatch model-simulator"))
                .body("paths.keySet()", hasItems("/admin/models", "/admin/models/{name}/version", "/admin/tasks",
                        "/admin/answers"))
                .body("paths.'/admin/models/{name}/version'.post.responses.keySet()", hasItems("200", "400", "404"))
                .body("paths.'/admin/models/{name}/version'.post.requestBody.content.'application/json'"
                        + ".examples.switch.value.version", equalTo("2025-06-02"))
                .body("tags.name", hasItems("Admin"));
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
