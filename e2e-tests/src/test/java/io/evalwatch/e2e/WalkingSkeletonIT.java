package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.ItemIds;
import io.evalwatch.simulator.profile.ProfileFile;
import io.evalwatch.simulator.profile.SimulatorProfiles;
import io.evalwatch.simulator.truth.AnswerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline with nothing mocked: task-service → Kafka → generator (streaming from the model-simulator)
 * → sandbox → scoring → reporting → PostgreSQL. 2 models × 8 starter tasks × 3 samples = 48 items; every one must
 * arrive exactly once, and each model's passes must be exactly those the simulator's seed dictates.
 */
class WalkingSkeletonIT {

    static final List<String> MODELS = List.of("sim-alpha", "sim-beta");
    static final List<String> TASKS = List.of("add-months", "chunk-list", "ipv4-address", "luhn-checksum",
            "merge-intervals", "parse-hex-color", "parse-page-ranges", "rolling-average");
    static final int SAMPLES = 3;

    @Test
    void everyItemArrivesOnceAndPassesExactlyAsTheSimulatorDecided() {
        EvalwatchApi api = StackFixture.api();
        ObjectNode request = new ObjectMapper().createObjectNode();
        request.put("suite", "starter");
        request.putPOJO("models", MODELS);
        request.put("samples", SAMPLES);
        request.putPOJO("tasks", TASKS);

        JsonNode run = api.startRun(request);
        String runId = run.path("runId").asText();
        assertEquals(48, run.path("expectedItems").asInt());
        JsonNode report = new RunWatcher(api, System.out).await(runId, 48, Duration.ofMinutes(5));

        assertEquals("completed", report.path("status").asText());
        assertEquals(48, report.path("scoredItems").asInt());
        assertEquals(0, report.path("erroredItems").asInt());

        // each expected item exactly once, nothing else
        JsonNode items = api.items(runId);
        assertEquals(48, items.size());
        Map<String, JsonNode> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.path("itemId").asText(), i));
        assertEquals(48, byId.size(), "item ids are distinct");

        SimulatorProfiles profiles = ProfileFile.load(StackFixture.root().resolve("config/simulator.yaml"));
        Map<String, Integer> expectedPasses = new TreeMap<>();
        Map<String, String> mismatches = new TreeMap<>();
        for (String model : MODELS) {
            var version = profiles.model(model).scheduledAt(Instant.now());
            int passes = 0;
            for (String task : TASKS) {
                for (int sample = 0; sample < SAMPLES; sample++) {
                    String itemId = ItemIds.of(runId, task, model, sample, "base");
                    JsonNode item = byId.get(itemId);
                    assertTrue(item != null, "item " + itemId + " is in the report");
                    AnswerKind truth = version.decide(task, ItemIds.seedOf(itemId));
                    passes += truth.expectedToPass() ? 1 : 0;
                    if (truth.expectedToPass() != item.path("passed").asBoolean()) {
                        mismatches.put(itemId, "simulator answered " + truth + ", evalwatch scored "
                                + item.path("failureCategory").asText());
                    }
                }
            }
            expectedPasses.put(model, passes);
        }
        assertEquals(Map.of(), mismatches, "items scored differently from the simulator's known truth");
        for (JsonNode m : report.path("models")) {
            assertEquals(expectedPasses.get(m.path("model").asText()).intValue(), m.path("passed").asInt(),
                    "passes of " + m.path("model").asText());
            assertEquals(24, m.path("items").asInt());
            assertTrue(m.path("latency").path("ttftP50").asDouble() > 0.15, "TTFT was measured");
        }
    }
}
