package io.evalwatch.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthFilterTest {

    @Test
    void aMutationWithoutAKeyIs401WithAChallengeAndAProblem() {
        given().contentType("application/json").body("{\"name\":\"a\",\"count\":1}")
                .when().post("/api/sample")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/sample"));
    }

    @Test
    void anUnknownKeyIs401() {
        given().header("Authorization", "Bearer not-a-key").when().get("/api/sample")
                .then().statusCode(401);
    }

    @Test
    void aMutationWithAViewerKeyIs403() {
        given().header("Authorization", "Bearer viewer-test-key")
                .contentType("application/json").body("{\"name\":\"a\",\"count\":1}")
                .when().post("/api/sample")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("operator"));
    }

    @Test
    void aMutationWithAnOperatorKeyPasses() {
        given().header("Authorization", "Bearer operator-test-key")
                .contentType("application/json").body("{\"name\":\"a\",\"count\":1}")
                .when().post("/api/sample")
                .then().statusCode(200).body("name", equalTo("a"));
    }

    @Test
    void theKeyMayComeAsXApiKey() {
        given().header("X-Api-Key", "admin-test-key")
                .contentType("application/json").body("{\"name\":\"a\",\"count\":1}")
                .when().post("/api/sample")
                .then().statusCode(200);
    }

    @Test
    void aReadNeedsAViewerKey() {
        given().when().get("/api/sample").then().statusCode(401);
        given().header("Authorization", "Bearer viewer-test-key").when().get("/api/sample")
                .then().statusCode(200).body("read", equalTo("ok"));
    }

    @Test
    void anAdminEndpointRefusesAnOperator() {
        given().header("Authorization", "Bearer operator-test-key").contentType("application/json")
                .when().post("/api/sample/admin").then().statusCode(403);
        given().header("Authorization", "Bearer admin-test-key").contentType("application/json")
                .when().post("/api/sample/admin").then().statusCode(200);
    }

    @Test
    void aBrowserPresentsItsKeyInTheCookie() {
        given().cookie(AuthFilter.KEY_COOKIE, "viewer-test-key").contentType("application/json")
                .body("{\"name\":\"a\",\"count\":1}").when().post("/api/sample").then().statusCode(403);
        given().cookie(AuthFilter.KEY_COOKIE, "operator-test-key").contentType("application/json")
                .body("{\"name\":\"a\",\"count\":1}").when().post("/api/sample").then().statusCode(200);
        given().cookie(AuthFilter.KEY_COOKIE, "not-a-key").when().get("/api/sample").then().statusCode(401);
    }

    @Test
    void aMethodThatTakesNoKeyIsOpen() {
        given().contentType("application/json").when().post("/api/sample/open").then().statusCode(200)
                .body("open", equalTo("ok"));
    }

    @Test
    void healthAndMetricsPathsAreNotJaxRsAndStayOpen() {
        // no health extension here: the point is that a non-resource path is answered without a 401
        given().when().get("/q/no-such-thing").then().statusCode(404);
    }
}
