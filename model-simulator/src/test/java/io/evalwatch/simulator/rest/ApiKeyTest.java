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

    /** Starts the simulator with a required vendor key, and evalwatch keys for its admin API. */
    public static class RequiredKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // evalwatch keys are configured hashed: the SHA-256 of op-key and of viewer-key
            return Map.of("simulator.require-api-key", "s3cret",
                    "evalwatch.auth.enabled", "true",
                    "evalwatch.auth.keys",
                    "operator:7007eeb3a4e88de3167e9466573e1881916bb7a86e4d89c56c50eb0c82df0e2b,"
                            + "viewer:9b88f3b3de5ee9f1bb657b76cc43581a9e25e9091bb23c35b2748b7c3509b6e6");
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
    }

    @Test
    void theAdminApiTakesEvalwatchKeysNotTheVendorKey() {
        given().get("/admin/models").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer s3cret").get("/admin/models").then().statusCode(401);
        given().header("Authorization", "Bearer viewer-key").get("/admin/models").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("version", "2024-01"))
                .post("/admin/models/sim-alpha/version").then().statusCode(401);
        given().header("Authorization", "Bearer viewer-key").contentType(ContentType.JSON)
                .body(Map.of("version", "2024-01"))
                .post("/admin/models/sim-alpha/version").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer op-key").post("/admin/tasks/reload").then().statusCode(200);
    }

    @Test
    void malformedJsonIsAProblemNamingTheParseError() {
        given().header("Authorization", "Bearer op-key").contentType(ContentType.JSON).body("{\"version\": ")
                .post("/admin/models/sim-alpha/version").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("malformed JSON"));
    }
}
