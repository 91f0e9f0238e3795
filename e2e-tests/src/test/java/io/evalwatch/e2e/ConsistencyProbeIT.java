package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The consistency probe, end to end: one run of base and {@code repeat} (10 repeats of each prompt) for a noisy and
 * a steady simulated model (ConsistencyModels). The report measures the noisy one's noise floor within 20 % of its
 * configured variance and the steady one's near zero; the probe's stream steers nothing; and the next check of the
 * noisy model's base stream reads the stored noise floor as the minimum drop it must beat.
 *
 * <p>Why the sizes: 30 tasks x 10 repeats at score variance 0.96 (flip probability r = 0.4). A task's unbiased
 * variance is 4 k (10 - k) / 90 with k ~ Binomial(10, 0.4) flips, whatever its usual answer; the pooled figure is
 * the mean over 30 independent tasks. Its exact distribution (the 30-fold convolution of that of k (10 - k),
 * computed in Python) puts P(|measured - 0.96| > 0.192) at 3.9e-6. A stray result (a sandbox timeout on a loaded
 * machine) moves one task's variance by at most 0.4, the pooled figure by 0.013: a dozen would still pass. The
 * steady model's bound of 0.05 allows three such strays.
 */
class ConsistencyProbeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERIES = "consistency-probe";
    private static final int TASKS = 30;

    @Test
    void theNoisyModelsNoiseFloorIsItsConfiguredVarianceAndTheDriftCheckReadsIt() throws Exception {
        EvalwatchApi api = StackFixture.api();
        List<String> tasks = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            tasks.add("humaneval-" + t);
        }
        ObjectNode request = JSON.createObjectNode().put("suite", StackFixture.HUMANEVAL_SUITE).put("samples", 1)
                .put("series", SERIES);
        request.putPOJO("models", List.of(ConsistencyModels.NOISY, ConsistencyModels.STEADY));
        request.putPOJO("tasks", tasks);
        request.putPOJO("variants", List.of("repeat"));
        JsonNode run = api.startRun(request);
        String probeRun = run.path("runId").asText();
        assertEquals(TASKS * (1 + ConsistencyModels.REPEATS) * 2, run.path("expectedItems").asInt(),
                run.toPrettyString());
        JsonNode report = new RunWatcher(api, System.out).await(probeRun, run.path("expectedItems").asInt(),
                Duration.ofMinutes(20));
        assertEquals("completed", report.path("status").asText(), report.toPrettyString());

        JsonNode noisy = consistencyOf(report, ConsistencyModels.NOISY);
        JsonNode steady = consistencyOf(report, ConsistencyModels.STEADY);
        System.out.printf("noisy: score variance %.4f (configured %.2f), pass variance %.4f, pass@1 %.3f, "
                + "pass@%d %.3f, distinct outputs %.2f; steady: score variance %.4f, distinct outputs %.2f%n",
                noisy.path("scoreVariance").asDouble(), ConsistencyModels.NOISY_SCORE_VARIANCE,
                noisy.path("passVariance").asDouble(), noisy.path("passAt1").asDouble(), ConsistencyModels.REPEATS,
                noisy.path("passAtN").asDouble(), noisy.path("meanDistinctOutputs").asDouble(),
                steady.path("scoreVariance").asDouble(), steady.path("meanDistinctOutputs").asDouble());
        assertEquals(TASKS, noisy.path("tasks").asInt(), noisy.toPrettyString());
        assertEquals(ConsistencyModels.REPEATS, noisy.path("repeats").asInt());
        assertEquals(ConsistencyModels.NOISY_SCORE_VARIANCE, noisy.path("scoreVariance").asDouble(),
                0.2 * ConsistencyModels.NOISY_SCORE_VARIANCE, noisy.toPrettyString());
        assertTrue(noisy.path("passAtN").asDouble() > noisy.path("passAt1").asDouble(), noisy.toPrettyString());
        assertTrue(noisy.path("meanDistinctOutputs").asDouble() > 1, noisy.toPrettyString());
        assertFalse(noisy.path("finding").isNull(), noisy.toPrettyString());
        assertTrue(steady.path("scoreVariance").asDouble() < 0.05, steady.toPrettyString());

        // the plain figures are base's alone: one item per task and model
        for (JsonNode m : report.path("models")) {
            assertEquals(TASKS, m.path("items").asInt(), m.toPrettyString());
        }
        // the probe's stream never becomes a reference; base's does, once the drift check judged the run (its
        // RunCompleted leaves through reporting's outbox after the run's status is already readable)
        Verdicts.awaitAnalysis(api, probeRun);
        for (JsonNode s : api.streams(StackFixture.HUMANEVAL_SUITE, ConsistencyModels.NOISY, probeRun)) {
            boolean probe = "repeat".equals(s.path("variant").asText());
            assertEquals(probe ? null : probeRun, s.path("referenceRunId").isNull() ? null
                    : s.path("referenceRunId").asText(), s.toPrettyString());
            if (probe) {
                assertEquals(ConsistencyModels.REPEATS, s.path("samples").asInt(), s.toPrettyString());
            }
        }

        // the next check of the noisy model's base stream must beat its noise floor
        ObjectNode check = JSON.createObjectNode().put("suite", StackFixture.HUMANEVAL_SUITE).put("samples", 1)
                .put("series", SERIES);
        check.putPOJO("models", List.of(ConsistencyModels.NOISY));
        check.putPOJO("tasks", tasks);
        JsonNode next = api.startRun(check);
        String checkRun = next.path("runId").asText();
        JsonNode checked = new RunWatcher(api, System.out).await(checkRun, next.path("expectedItems").asInt(),
                Duration.ofMinutes(10));
        assertEquals("completed", checked.path("status").asText(), checked.toPrettyString());
        JsonNode floor = noiseFloorOfCheck(api, checkRun);
        assertEquals(probeRun, floor.path("runId").asText(), floor.toPrettyString());
        assertEquals(noisy.path("scoreVariance").asDouble(), floor.path("scoreVariance").asDouble(), 1e-5);
        double expectedMin = Math.max(0.05, 2 * Math.sqrt(2 * noisy.path("passVariance").asDouble() / TASKS));
        assertEquals(expectedMin, floor.path("minPassRateDrop").asDouble(), 1e-5, floor.toPrettyString());
    }

    private static JsonNode consistencyOf(JsonNode report, String model) {
        for (JsonNode m : report.path("consistency")) {
            if (m.path("model").asText().equals(model)) {
                return m.path("repeats");
            }
        }
        throw new AssertionError("no consistency section for " + model + ": " + report.path("consistency"));
    }

    /** The noise floor in the base stream's verdict of a run, once its drift analysis is stored. */
    private static JsonNode noiseFloorOfCheck(EvalwatchApi api, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonNode regression = api.regression(runId, null);
            for (JsonNode m : regression.path("models")) {
                if (m.path("model").asText().equals(ConsistencyModels.NOISY)
                        && m.path("stream").has("noiseFloor")) {
                    return m.path("stream").path("noiseFloor");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no noise floor in the check's verdict: " + regression.toPrettyString());
            }
            Thread.sleep(500);
        }
    }
}
