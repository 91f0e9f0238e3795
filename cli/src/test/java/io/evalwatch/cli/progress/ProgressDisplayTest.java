package io.evalwatch.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rates over a sliding window, the ETA, and the two ways of showing them. */
class ProgressDisplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode progress(long generated, long executed, long scored, long errored) {
        return JSON.createObjectNode().put("status", "running").put("dispatched", 100).put("generated", generated)
                .put("generationErrors", 0).put("toExecute", generated).put("executed", executed)
                .put("scored", scored).put("errored", errored);
    }

    @Test
    void ratesAreOverTheLastThirtySecondsAndTheEtaFollowsTheFinishingRate() {
        StageRates rates = new StageRates();
        assertNull(rates.eta(10), "no rate before two samples");
        rates.add(new StageRates.Sample(0, 0, 0, 0));
        rates.add(new StageRates.Sample(60, 60, 0, 0)); // a first minute of generating only
        assertNull(rates.eta(100), "nothing finishes yet: no ETA");
        rates.add(new StageRates.Sample(70, 70, 20, 10));
        rates.add(new StageRates.Sample(90, 90, 60, 50)); // the window: 60 s .. 90 s
        assertEquals(1.0, rates.rate(StageRates.Sample::generated), 1e-9);
        assertEquals(50 / 30.0, rates.rate(StageRates.Sample::finished), 1e-9);
        assertEquals(Duration.ofSeconds(30), rates.eta(50));
        assertEquals(Duration.ZERO, rates.eta(0));
    }

    @Test
    void withoutATerminalAPlainLineAtMostEveryTenSecondsAndOneAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int s = 0; s <= 20; s++) {
            display.update(progress(5L * s, 4L * s, 3L * s, 0), s);
        }
        display.finish(progress(100, 100, 99, 1), 21);
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = out.split("\n");
        assertEquals(4, lines.length, "at 0, 10 and 20 s, and the end:\n" + out);
        assertTrue(lines[2].startsWith("  [0:20] dispatched 100, generated 100/100 (5.0/s), executed 80/100 (4.0/s),"
                + " scored 60/100 (3.0/s), errored 0, ETA 0:13"), lines[2]);
        assertTrue(lines[3].contains("scored 99/100") && lines[3].contains("errored 1") && lines[3].endsWith("ETA 0:00"),
                lines[3]);
        assertTrue(!out.contains("\u001b["), "no escape codes off a terminal");
    }

    @Test
    void onATerminalTheBlockIsRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        display.update(progress(0, 0, 0, 0), 0);
        display.update(progress(10, 5, 2, 1), 2);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\u001b[6A"), "the second frame moves back over the six lines of the first");
        String last = out.substring(out.lastIndexOf("\u001b[6A"));
        assertTrue(last.contains("generated       10/100    5.0/s"), last);
        assertTrue(last.contains("executed         5/10     2.5/s"), last);
        assertTrue(last.contains("errored"), last);
        assertTrue(last.contains("ETA 1:05"), last); // 97 left at 1.5 items/s
    }
}
