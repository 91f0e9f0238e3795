package io.evalwatch.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.ProfileFile;
import io.evalwatch.simulator.profile.SimulatedModel;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.truth.AnswerKind;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AdminResourceTest {

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    private static final SimulatedModel ALPHA = ProfileFile.load(Path.of("src/test/resources/simulator-test.yaml"))
            .model("sim-alpha");

    @Test
    void aForcedVersionChangesAnswersAndFingerprintUnderTheSameName() {
        SimTask task = Prompts.task("is-prime");
        given().get("/admin/models").then().statusCode(200)
                .body("find { it.name == 'sim-alpha' }.activeVersion", equalTo("a1"))
                .body("find { it.name == 'sim-alpha' }.forced", equalTo(false));
        try {
            given().contentType(ContentType.JSON).body(Map.of("version", "a2"))
                    .post("/admin/models/sim-alpha/version").then().statusCode(200)
                    .body("activeVersion", equalTo("a2"))
                    .body("systemFingerprint", equalTo("fp_test_a2"))
                    .body("forced", equalTo(true));
            ModelVersion a2 = ALPHA.version("a2").orElseThrow();
            int references = 0;
            for (long seed = 0; seed < 10; seed++) {
                JsonNode body = OpenAiRoutesTest.completion("sim-alpha", Prompts.userMessage(task), seed);
                assertEquals("sim-alpha", body.get("model").asText());
                assertEquals("fp_test_a2", body.get("system_fingerprint").asText());
                String content = body.at("/choices/0/message/content").asText();
                AnswerKind kind = a2.decide(task.id(), seed);
                if (kind == AnswerKind.REFERENCE) {
                    references++;
                    // a2 writes prose around the block
                    assertEquals(true, content.contains("```python\n" + task.reference().strip() + "\n```"));
                }
                if (kind == AnswerKind.REFUSAL) {
                    assertEquals(false, content.contains("```"));
                }
            }
            assertEquals(references, countReferences(a2, task, 10));
        } finally {
            given().delete("/admin/models/sim-alpha/version").then().statusCode(200)
                    .body("activeVersion", equalTo("a1"));
        }
        given().contentType(ContentType.JSON).body(Map.of("version", "zz"))
                .post("/admin/models/sim-alpha/version").then().statusCode(404)
                .body("error", containsString("zz"));
        given().contentType(ContentType.JSON).body(Map.of("version", "a1"))
                .post("/admin/models/nobody/version").then().statusCode(404)
                .body("error", containsString("nobody"));
    }

    @Test
    void aVersionSwitchCanMakeEveryFirstToken150MsLater() throws Exception {
        given().get("/admin/models").then().statusCode(200)
                .body("find { it.name == 'sim-timed' }.versions.find { it.version == 't2' }.ttft.medianMs",
                        equalTo(200.0f))
                .body("find { it.name == 'sim-timed' }.versions.find { it.version == 't2' }.ttft.addedMs",
                        equalTo(150.0f));
        Map<String, Object> body = new java.util.HashMap<>(
                Prompts.chat("sim-timed", Prompts.userMessage(Prompts.task("sum-range")), 5));
        body.put("stream", true);
        try {
            given().contentType(ContentType.JSON).body(Map.of("version", "t2"))
                    .post("/admin/models/sim-timed/version").then().statusCode(200)
                    .body("activeVersion", equalTo("t2"));
            // a first token is never early, so the lower bound holds however busy the machine is
            Sse.Stream stream = Sse.post(completions, body, Map.of());
            assertEquals("fp_test_t2", stream.headers().get("x-system-fingerprint").get(0));
            double ttftMs = stream.events().get(0).nanosAfterSend() / 1e6;
            assertTrue(ttftMs >= 349.0, "ttft " + ttftMs + " ms under t2 (200 + 150)");
        } finally {
            given().delete("/admin/models/sim-timed/version").then().statusCode(200)
                    .body("activeVersion", equalTo("t1"));
        }
    }

    private static int countReferences(ModelVersion version, SimTask task, int seeds) {
        int count = 0;
        for (long seed = 0; seed < seeds; seed++) {
            count += version.decide(task.id(), seed).expectedToPass() ? 1 : 0;
        }
        return count;
    }

    @Test
    void tasksRegisteredAtRunTimeAreRecognised() {
        String prompt = "Write a Python function `triple(x: int) -> int` that returns three times x.";
        given().contentType(ContentType.JSON).body(List.of(Map.of("id", "runtime-triple", "prompt", prompt,
                        "entry_point", "triple", "reference", "def triple(x):\n    return 3 * x\n",
                        "tests", List.of(Map.of("name", "t", "code", "assert triple(2) == 6")))))
                .post("/admin/tasks").then().statusCode(200).body("registered", equalTo(1));
        ModelVersion a1 = ALPHA.version("a1").orElseThrow();
        long seed = 0;
        while (a1.decide("runtime-triple", seed) != AnswerKind.REFERENCE) {
            seed++;
        }
        JsonNode body = OpenAiRoutesTest.completion("sim-alpha", prompt + "\n\nReply with the complete python "
                + "function `triple` in one fenced code block.", seed);
        assertEquals("```python\ndef triple(x):\n    return 3 * x\n```",
                body.at("/choices/0/message/content").asText());
        given().get("/admin/answers?model=sim-alpha&task=runtime-triple&seed=" + seed).then().statusCode(200)
                .body("decided", equalTo("reference")).body("expectedToPass", equalTo(true));
        given().contentType(ContentType.JSON).body(List.of(Map.of("id", "no-prompt"))).post("/admin/tasks")
                .then().statusCode(400).body("error", containsString("prompt"));
    }

    @Test
    void healthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        OpenAiRoutesTest.completion("sim-alpha", Prompts.userMessage(Prompts.task("sum-range")), 5);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString(
                        "evalwatch_simulator_requests_total{api=\"openai\",model=\"sim-alpha\",status=\"200\"}"))
                .body(containsString("evalwatch_simulator_model_version_active{fingerprint=\"fp_test_a1\""));
    }
}
