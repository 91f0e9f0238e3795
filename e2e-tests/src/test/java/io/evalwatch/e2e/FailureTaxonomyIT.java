package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.ItemIds;
import io.evalwatch.simulator.truth.AnswerKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accuracy as a spectrum, end to end: every answer kind the simulator can inject (the reference and each kind of
 * known mistake) is run through the real pipeline (generator, sandbox with its analysers, scoring, reporting) on
 * the starter suite, and each item must land in the failure category that kind stands for. The truth of an item
 * is what the simulator says it delivered for that item's seed (a mistake that cannot be made for a task falls back
 * to another kind), asked through its admin API, never assumed.
 */
class FailureTaxonomyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String runId;
    private static JsonNode items;
    private static JsonNode report;

    @BeforeAll
    static void run() throws Exception {
        EvalwatchApi api = StackFixture.api();
        ObjectNode request = JSON.createObjectNode().put("suite", "starter").put("samples", 1);
        request.putPOJO("models", AnswerKindModels.models());
        runId = api.startRun(request).path("runId").asText();
        int expected = AnswerKindModels.models().size() * 10;
        report = new RunWatcher(api, System.out).await(runId, expected, Duration.ofMinutes(10));
        assertEquals("completed", report.path("status").asText(), report.toPrettyString());
        items = api.items(runId);
        assertEquals(expected, items.size());
    }

    @Test
    void eachInjectedMistakeIsScoredAsItsCategory() throws Exception {
        List<String> wrong = new ArrayList<>();
        Map<AnswerKind, Integer> seen = new EnumMap<>(AnswerKind.class);
        for (JsonNode item : items) {
            String model = item.path("model").asText();
            String task = item.path("taskId").asText();
            long seed = ItemIds.seedOf(item.path("itemId").asText());
            AnswerKind delivered = delivered(model, task, seed);
            seen.merge(delivered, 1, Integer::sum);
            String expected = delivered.expectedFailureCategory();
            String actual = item.path("failureCategory").asText();
            if (!expected.equals(actual)) {
                wrong.add(String.format("%s on %s delivered %s: expected %s, scored %s (secondary %s, tests %s)",
                        model, task, delivered.label(), expected, actual, item.path("secondaryCategories"),
                        summary(item.path("tests"))));
            }
            if (delivered == AnswerKind.REFUSAL) {
                assertEquals(-1.0, item.path("weightedAccuracy").asDouble(), 1e-9,
                        "a refusal scores -1, whatever its edge tests: " + item);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " items not scored as the kind the simulator delivered:\n"
                + String.join("\n", wrong));
        for (AnswerKind kind : AnswerKind.values()) {
            assertTrue(seen.getOrDefault(kind, 0) > 0, "no item delivered " + kind.label() + ": " + seen);
        }
    }

    private static AnswerKind delivered(String model, String task, long seed) throws Exception {
        String url = StackFixture.stack().url("model-simulator") + "/admin/answers?model="
                + URLEncoder.encode(model, StandardCharsets.UTF_8) + "&task=" + URLEncoder.encode(task,
                StandardCharsets.UTF_8) + "&seed=" + seed;
        JsonNode preview = JSON.readTree(SimulatorAdmin.get(url));
        AnswerKind kind = AnswerKind.fromLabel(preview.path("delivered").asText());
        if (kind == null) {
            throw new IllegalStateException("the simulator's preview names no known kind: " + preview);
        }
        return kind;
    }

    private static String summary(JsonNode tests) {
        StringBuilder out = new StringBuilder();
        for (JsonNode t : tests) {
            out.append(t.path("name").asText()).append('=').append(t.path("status").asText());
            if (!t.path("message").isMissingNode() && !t.path("message").isNull()) {
                String m = t.path("message").asText();
                out.append('(').append(m.length() > 80 ? m.substring(0, 80) : m).append(')');
            }
            out.append(' ');
        }
        return out.toString().strip();
    }
}
