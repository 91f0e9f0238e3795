package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * The contamination probe, end to end: one run of base and twin on 50 imported HumanEval tasks, 2 samples, for a
 * memoriser (0.95 on the originals, 0.45 on their twins) and an honest model (0.97 on both). The report flags the
 * memoriser with its sentence and not the honest model; the honest model's twins pass in the real sandbox (the
 * twin's renamed reference against its renamed tests), and the plain figures are base's alone.
 *
 * <p>False failure: each model has 100 pairs (task, sample) drawn independently by the simulator's truth. The honest
 * model is flagged only if McNemar's exact test is significant and twins lose at least 10 points, that is at least
 * 10 more "original only" than "twin only" pairs: summed exactly over the multinomial of the discordant pairs
 * (0.97 × 0.03 each way), 8.7e-5. The memoriser (0.95 × 0.55 original only, 0.05 × 0.45 twin only per pair) is not
 * flagged with probability 1.1e-11. The honest twins' pass rate falls below 0.85 with probability below 1e-6.
 */
class TwinProbeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TASKS = 50;
    private static final int SAMPLES = 2;

    @Test
    void theMemoriserIsFlaggedAndTheHonestModelIsNot() throws Exception {
        EvalwatchApi api = StackFixture.api();
        ObjectNode request = JSON.createObjectNode().put("suite", StackFixture.HUMANEVAL_SUITE)
                .put("samples", SAMPLES).put("series", "twin-probe");
        request.putPOJO("models", List.of(TwinProbeModels.MEMORISER, TwinProbeModels.HONEST));
        request.putPOJO("variants", List.of("twin"));
        JsonNode run = api.startRun(request);
        String runId = run.path("runId").asText();
        // every HumanEval task has a twin: base and twin of each task, model and sample
        assertEquals(TASKS * SAMPLES * 2 * 2, run.path("expectedItems").asInt(), run.toPrettyString());
        JsonNode report = new RunWatcher(api, System.out).await(runId, run.path("expectedItems").asInt(),
                Duration.ofMinutes(20));
        assertEquals("completed", report.path("status").asText(), report.toPrettyString());
        JsonNode items = api.items(runId);

        JsonNode memoriser = probe(report, TwinProbeModels.MEMORISER);
        System.out.println(memoriser.path("finding").asText());
        assertTrue(memoriser.path("flagged").asBoolean(), memoriser.toPrettyString());
        // a rate is printed to two places and may be 1.00: at 95 % a memoriser passes all 100 originals one run in 170
        assertTrue(memoriser.path("finding").asText().matches(TwinProbeModels.MEMORISER + " passes [01]\\.\\d\\d of the"
                + " originals and [01]\\.\\d\\d of their twins \\(50 tasks, 100 pairs; drop .* McNemar exact p = .*\\):"
                + " it may have memorised this suite.*"), memoriser.path("finding").asText());
        assertEquals(TASKS * SAMPLES, memoriser.path("pairs").asInt());
        int[] counted = discordant(items, TwinProbeModels.MEMORISER);
        assertEquals(counted[0], memoriser.path("originalOnly").asInt(), memoriser.toPrettyString());
        assertEquals(counted[1], memoriser.path("twinOnly").asInt(), memoriser.toPrettyString());
        assertTrue(memoriser.path("dropLow").asDouble() > 0, memoriser.toPrettyString());

        JsonNode honest = probe(report, TwinProbeModels.HONEST);
        System.out.println(honest.path("finding").asText());
        assertFalse(honest.path("flagged").asBoolean(), honest.toPrettyString());
        assertTrue(honest.path("finding").asText().endsWith("no sign that it memorised this suite"),
                honest.path("finding").asText());
        // the twins ran in the sandbox against their own renamed tests, and the honest model's twin answers passed
        assertTrue(honest.path("twinPassRate").asDouble() >= 0.85, honest.toPrettyString());
        for (JsonNode i : of(items, TwinProbeModels.HONEST, "twin")) {
            assertTrue(i.path("taskId").asText().startsWith("humaneval-"), i.toString()); // the original id
        }

        // the plain figures are base's alone
        for (JsonNode m : report.path("models")) {
            List<JsonNode> base = of(items, m.path("model").asText(), "base");
            assertEquals(TASKS * SAMPLES, base.size());
            assertEquals(base.size(), m.path("items").asInt(), m.toPrettyString());
            long passed = base.stream().filter(i -> i.path("passed").asBoolean()).count();
            assertEquals(passed / (double) base.size(), m.path("passAt1").asDouble(), 1e-12);
        }
    }

    private static JsonNode probe(JsonNode report, String model) {
        for (JsonNode p : report.path("contamination")) {
            if (p.path("model").asText().equals(model)) {
                return p;
            }
        }
        throw new AssertionError("no contamination probe for " + model + ": " + report.path("contamination"));
    }

    /** A model's items of one variant (the variant is the item id's last part). */
    private static List<JsonNode> of(JsonNode items, String model, String variant) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode i : items) {
            if (i.path("model").asText().equals(model) && i.path("itemId").asText().endsWith("/" + variant)) {
                out.add(i);
            }
        }
        return out;
    }

    /** {original only passed, twin only passed} over (task, sample), from the scored items. */
    private static int[] discordant(JsonNode items, String model) {
        int originalOnly = 0;
        int twinOnly = 0;
        for (JsonNode b : of(items, model, "base")) {
            if (b.path("errored").asBoolean()) {
                continue;
            }
            String twinId = b.path("itemId").asText().replaceFirst("/base$", "/twin");
            JsonNode t = of(items, model, "twin").stream().filter(i -> i.path("itemId").asText().equals(twinId))
                    .findFirst().orElse(null);
            assertNotNull(t, "every task and sample has its twin item: " + twinId);
            if (t.path("errored").asBoolean()) {
                continue;
            }
            originalOnly += b.path("passed").asBoolean() && !t.path("passed").asBoolean() ? 1 : 0;
            twinOnly += t.path("passed").asBoolean() && !b.path("passed").asBoolean() ? 1 : 0;
        }
        return new int[] {originalOnly, twinOnly};
    }
}
