package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.probe.LongContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The long-context position probe, end to end: one run of the starter suite's luhn-checksum beside the probe at
 * one size (8,000 tokens), 40 needles per position, for a model lost in the middle (recall 0.95 at 10 % and 90 %,
 * 0.75 at 30 % and 70 %, 0.3 at 50 %) and a flat one (0.95 everywhere). The simulator reads the needle and its
 * position from the prompt alone. The report's curve shows the dip at 50 % for the first, significant, with its
 * sentence, and no dip for the second; the base item's figures stay the suite's alone.
 *
 * <p>How sure: the dip test is Fisher's exact test, one-sided, 40 needles in the middle against 80 at the ends,
 * significant at p &lt; 0.001. Summing over every outcome of the two binomials (scipy's fisher_exact), the lost
 * model's dip is missed with probability 0.0000009 and the flat model is called dipped with probability 0.00013:
 * each assertion fails falsely less than once in 7,000 runs. That holds only if the simulator reads each needle at
 * its own position, which is why the size is 8k (LongContextModels); at 2k and 30 needles a CI run missed the dip
 * (middle 0.50 against ends 0.80, p = 0.004). The curve's own checks (the middle below both ends for the
 * lost model) follow from a significant dip; the flat model's middle is not checked against its ends, as chance
 * alone can put it lower.
 */
class LongContextProbeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLostInTheMiddleModelDipsAtFiftyPerCentAndTheFlatOneDoesNot() throws Exception {
        EvalwatchApi api = StackFixture.api();
        ObjectNode request = JSON.createObjectNode().put("suite", "starter").put("samples", 1)
                .put("series", "long-context");
        request.putPOJO("models", List.of(LongContextModels.LOST_IN_THE_MIDDLE, LongContextModels.FLAT));
        request.putPOJO("tasks", List.of("luhn-checksum"));
        request.putPOJO("variants", List.of("long-context"));
        JsonNode run = api.startRun(request);
        String runId = run.path("runId").asText();
        int probeItems = 5 * LongContextModels.NEEDLES;
        assertEquals(2 * (1 + probeItems), run.path("expectedItems").asInt(), run.toPrettyString());
        JsonNode report = new RunWatcher(api, System.out).await(runId, run.path("expectedItems").asInt(),
                Duration.ofMinutes(15));
        assertEquals("completed", report.path("status").asText(), report.toPrettyString());

        JsonNode lost = curve(report, LongContextModels.LOST_IN_THE_MIDDLE);
        JsonNode flat = curve(report, LongContextModels.FLAT);
        System.out.println("long-context curves: lost " + lost.path("positions") + " dip " + lost.path("dip")
                + "; flat " + flat.path("positions") + " dip " + flat.path("dip"));
        for (JsonNode curve : List.of(lost, flat)) {
            assertEquals("8k", curve.path("size").asText(), curve.toPrettyString());
            assertEquals(List.of(10, 30, 50, 70, 90), curve.path("positions").findValues("position").stream()
                    .map(JsonNode::asInt).toList());
            for (JsonNode p : curve.path("positions")) {
                assertEquals(LongContextModels.NEEDLES, p.path("items").asInt(), p.toPrettyString());
                assertTrue(p.path("low").asDouble() <= p.path("accuracy").asDouble()
                        && p.path("accuracy").asDouble() <= p.path("high").asDouble(), p.toPrettyString());
            }
        }
        JsonNode dip = lost.path("dip");
        assertTrue(dip.path("significant").asBoolean(), dip.toPrettyString());
        assertTrue(dip.path("pValue").asDouble() < 0.001, dip.toPrettyString());
        double middle = accuracyAt(lost, 50);
        assertTrue(middle < accuracyAt(lost, 10) && middle < accuracyAt(lost, 90), lost.toPrettyString());
        assertTrue(dip.path("finding").asText().startsWith(LongContextModels.LOST_IN_THE_MIDDLE
                + " loses what sits in the middle of a 8k-token context"), dip.toPrettyString());

        assertFalse(flat.path("dip").path("significant").asBoolean(), flat.toPrettyString());
        assertNull(flat.path("dip").path("finding").textValue(), flat.toPrettyString());

        // the probe mixes into nothing else: the plain figures are the one base item's, no variant comparison
        for (JsonNode m : report.path("models")) {
            assertEquals(1, m.path("items").asInt(), m.toPrettyString());
        }
        assertEquals(0, report.path("variants").size(), report.path("variants").toPrettyString());
        // the items: needle tasks in search form, found exactly where the report says
        JsonNode items = api.items(runId);
        String middleCell = "/" + new LongContext.Cell(Integer.parseInt(LongContextModels.SIZES), 50).variant();
        long found = 0;
        long seen = 0;
        for (JsonNode i : items) {
            if (i.path("model").asText().equals(LongContextModels.LOST_IN_THE_MIDDLE)
                    && i.path("itemId").asText().endsWith(middleCell)) {
                assertTrue(i.path("taskId").asText().startsWith("needle-"), i.toPrettyString());
                found += i.path("passed").asBoolean() ? 1 : 0;
                seen++;
            }
        }
        assertEquals(LongContextModels.NEEDLES, seen, "items of cell " + middleCell);
        assertEquals(Math.round(middle * LongContextModels.NEEDLES), found);
    }

    private static JsonNode curve(JsonNode report, String model) {
        for (JsonNode m : report.path("longContext")) {
            if (m.path("model").asText().equals(model)) {
                return m.path("sizes").get(0);
            }
        }
        throw new AssertionError("no long-context section for " + model + ": " + report.path("longContext"));
    }

    private static double accuracyAt(JsonNode curve, int position) {
        for (JsonNode p : curve.path("positions")) {
            if (p.path("position").asInt() == position) {
                return p.path("accuracy").asDouble();
            }
        }
        throw new AssertionError("no position " + position + " in " + curve);
    }
}
