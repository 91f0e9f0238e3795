package io.evalwatch.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemsTest {

    private static final String OPERATOR = "Bearer operator-test-key";

    @Test
    void malformedJsonIs400NamingTheParseProblem() {
        given().header("Authorization", OPERATOR).contentType("application/json").body("{\"name\": ")
                .when().post("/api/sample")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("detail", containsString("malformed JSON"))
                .body("instance", equalTo("/api/sample"))
                .body("error", containsString("malformed JSON"));
    }

    @Test
    void aWrongTypeNamesTheField() {
        given().header("Authorization", OPERATOR).contentType("application/json")
                .body("{\"name\":\"a\",\"count\":\"many\"}")
                .when().post("/api/sample")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("count"));
    }

    @Test
    void anUnknownPathUnderAResourceIs404Problem() {
        given().header("Authorization", OPERATOR).when().get("/api/sample/nothing/here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404))
                .body("detail", equalTo("no resource at /api/sample/nothing/here"));
    }

    @Test
    void aWrongMethodIs405Problem() {
        given().header("Authorization", OPERATOR).when().delete("/api/sample")
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405))
                .body("detail", equalTo("DELETE is not allowed on /api/sample"));
    }

    @Test
    void aWrongMediaTypeIs415Problem() {
        given().header("Authorization", OPERATOR).contentType("text/plain").body("x")
                .when().post("/api/sample")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void aPathNoResourceAnswersIs404Problem() {
        given().when().get("/nothing/here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("instance", equalTo("/nothing/here"));
    }
}
