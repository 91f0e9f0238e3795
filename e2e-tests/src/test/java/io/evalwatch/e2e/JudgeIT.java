package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The LLM judge, end to end: a suite graded by sim-judge gets a grade for every answer with code, beside the
 * tests' verdict and never instead of it, and the grades agree with the known truth (the simulator's judge gives 5
 * exactly to the reference solution, the one answer that passes); a suite whose judge shares its family with the
 * model under test is refused before anything runs.
 */
class JudgeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJudgeOfTheModelsOwnFamilyIsRefusedAndNothingRuns() {
        EvalwatchApi api = StackFixture.api();
        ObjectNode request = JSON.createObjectNode().put("suite", StackFixture.SELF_JUDGED_SUITE).put("samples", 1);
        request.putPOJO("models", List.of("sim-delta"));
        EvalwatchApi.ApiException refused = assertThrows(EvalwatchApi.ApiException.class, () -> api.startRun(request));
        assertEquals(422, refused.status(), refused.getMessage());
        for (String named : List.of("sim-alpha", "sim-delta", "sim-large")) {
            assertTrue(refused.getMessage().contains(named), "the refusal names " + named + ": " + refused.getMessage());
        }
    }

    @Test
    void everyAnswerWithCodeIsGradedBesideTheTestsAndTheGradesAgreeWithTheTruth() throws Exception {
        EvalwatchApi api = StackFixture.api();
        ObjectNode request = JSON.createObjectNode().put("suite", StackFixture.JUDGED_SUITE).put("samples", 2);
        request.putPOJO("models", List.of("sim-beta"));
        String runId = api.startRun(request).path("runId").asText();
        JsonNode report = new RunWatcher(api, System.out).await(runId, 20, Duration.ofMinutes(5));
        assertEquals("completed", report.path("status").asText(), report.toPrettyString());

        // grades arrive on their own after each generation: wait until every answer with code has one
        long withCode = 0;
        JsonNode items = api.items(runId);
        for (JsonNode item : items) {
            if (!"format_failure".equals(item.path("failureCategory").asText())
                    && !"refusal".equals(item.path("failureCategory").asText())
                    && !"provider_error".equals(item.path("failureCategory").asText())) {
                withCode++;
            }
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode judge;
        do {
            judge = api.report(runId).path("models").get(0).path("judge");
            if (judge.path("itemsJudged").asLong() >= withCode) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        assertEquals(withCode, judge.path("itemsJudged").asLong(), judge.toPrettyString());
        assertEquals(0, judge.path("unscored").asInt(), judge.toPrettyString());
        assertEquals(List.of("sim-judge"), List.of(judge.path("judgeModels").get(0).asText()));
        // 5 for the reference, 1..3 for every mistake: a grade of 4 or more is a pass, exactly
        assertEquals(1.0, judge.path("agreement").asDouble(), 1e-12, judge.toPrettyString());
        assertTrue(judge.path("costUsd").asDouble() > 0, judge.toPrettyString());

        // beside the tests, never instead: every item keeps the tests' verdict, and a grade is only a grade
        for (JsonNode item : api.items(runId)) {
            JsonNode grade = item.path("judgeScore");
            if (grade.isMissingNode() || grade.isNull()) {
                continue;
            }
            assertNotNull(item.path("passed"));
            assertEquals(item.path("passed").asBoolean(), grade.asInt() >= 4, item.toString());
            assertTrue(item.path("judgeRationale").asText().length() > 0, item.toString());
        }
    }
}
