package io.evalwatch.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.simulator.answer.AnswerComposer;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.task.TaskFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Suites that appear in the suites folder while the simulator runs, as `./evalwatch suites import` writes them. */
@QuarkusTest
@TestProfile(LiveSuitesProfile.class)
class SuiteRescanTest {

    private static final long SEED = 42;

    private static Path writeTask(String suite, String id, String entryPoint, String prompt, String body)
            throws IOException {
        Path tasks = Files.createDirectories(LiveSuitesProfile.SUITES.resolve(suite).resolve("tasks"));
        Files.writeString(LiveSuitesProfile.SUITES.resolve(suite).resolve("suite.yaml"), "name: " + suite + "\n");
        Path file = tasks.resolve(id + ".yaml");
        Files.writeString(file, "id: " + id + "\nkind: generation\nlanguage: python\nentry_point: " + entryPoint
                + "\nprompt: |\n  " + prompt + "\nreference: |\n  def " + entryPoint + "(x: int) -> int:\n      return "
                + body + "\n");
        return file;
    }

    private static String content(String message) {
        return OpenAiRoutesTest.completion("sim-alpha", message, SEED).at("/choices/0/message/content").asText();
    }

    @Test
    void aSuiteImportedAfterStartIsAnsweredWithItsKnownTruth() throws Exception {
        Path file = writeTask("imported-late", "triple", "triple",
                "Write a Python function `triple(x: int) -> int` that returns x tripled, as a new suite asks.", "3 * x");
        SimTask task = TaskFiles.load(file);
        String message = Prompts.userMessage(task);
        // the first unknown prompt after a second of quiet rescans; one within the second may still be unknown
        String answer = content(message);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (answer.equals(AnswerComposer.UNKNOWN_TASK_TEXT) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = content(message);
        }
        JsonNode truth = given().header("Authorization", "Bearer test-key")
                .queryParam("model", "sim-alpha").queryParam("task", "triple").queryParam("seed", SEED)
                .get("/admin/answers").then().statusCode(200).extract().as(JsonNode.class);
        assertEquals(truth.get("content").asText(), answer);
        assertNotEquals(AnswerComposer.UNKNOWN_TASK_TEXT, answer);
    }

    @Test
    void aPromptOfNoTaskStillGetsTheGenericReplyWithoutCode() {
        assertEquals(AnswerComposer.UNKNOWN_TASK_TEXT, content("Write a haiku about the sea."));
    }

    @Test
    void reloadReadsOnlyNewOrChangedTaskFiles() throws Exception {
        given().header("Authorization", "Bearer test-key").post("/admin/tasks/reload").then().statusCode(200);
        int before = given().header("Authorization", "Bearer test-key").get("/admin/tasks").then().statusCode(200)
                .extract().jsonPath().getList("id").size();
        Path file = writeTask("reloaded", "quadruple", "quadruple",
                "Write a Python function `quadruple(x: int) -> int` that returns four times x.", "4 * x");
        given().header("Authorization", "Bearer test-key").post("/admin/tasks/reload").then().statusCode(200)
                .body("loaded", equalTo(1)).body("skipped", equalTo(0)).body("total", equalTo(before + 1));
        given().header("Authorization", "Bearer test-key").post("/admin/tasks/reload").then().statusCode(200)
                .body("loaded", equalTo(0)).body("total", equalTo(before + 1));
        Files.writeString(file, Files.readString(file).replace("4 * x", "x * 4  # reordered"));
        given().header("Authorization", "Bearer test-key").post("/admin/tasks/reload").then().statusCode(200)
                .body("loaded", equalTo(1)).body("total", equalTo(before + 1));
        given().header("Authorization", "Bearer test-key").get("/admin/tasks").then().statusCode(200)
                .body("id", hasItem("quadruple"));
    }
}
