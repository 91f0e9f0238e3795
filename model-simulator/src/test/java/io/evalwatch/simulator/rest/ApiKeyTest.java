package io.evalwatch.simulator.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(ApiKeyTest.RequiredKey.class)
class ApiKeyTest {

    /** Starts the simulator with a required API key. */
    public static class RequiredKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.require-api-key", "s3cret");
        }
    }

    @Test
    void onlyTheConfiguredKeyIsAccepted() {
        Map<String, Object> body = Prompts.chat("sim-alpha", Prompts.userMessage(Prompts.task("is-prime")), 1);
        given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions")
                .then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong").body(body)
                .post("/v1/chat/completions").then().statusCode(401);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer s3cret").body(body)
                .post("/v1/chat/completions").then().statusCode(200);
        given().contentType(ContentType.JSON).header("x-api-key", "s3cret").header("anthropic-version", "2023-06-01")
                .body(Map.of("model", "sim-alpha", "max_tokens", 100, "messages",
                        java.util.List.of(Map.of("role", "user", "content", "hi"))))
                .post("/v1/messages").then().statusCode(200);
        given().get("/admin/models").then().statusCode(401);
        given().header("Authorization", "Bearer s3cret").get("/admin/models").then().statusCode(200);
    }
}
