package io.evalwatch.reporting.drift.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.NoiseFloor;
import io.evalwatch.reporting.drift.RunSample;
import io.evalwatch.reporting.drift.stream.StreamAssessment.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A drop within the noise floor does not alarm: the stream's reference happened to answer every task the same way in
 * all three samples, so the detector's own variance estimate is zero and any drop of 5 points or more alarms at once.
 * The consistency probe measured the model's pass/fail variance between repeats at 0.24 (a coin at 0.4): two runs
 * of 150 items then differ by noise alone with a standard error of 0.057, and a drop must beat 2 of those (0.113).
 */
class NoiseFloorCheckTest {

    private static final int TASKS = 50;
    private static final NoiseFloor NOISY = new NoiseFloor("probe", 0.24, 0.96, 30, 10);
    private static final double K = 2;

    /** 50 tasks x 3 samples; the first passingTasks tasks pass in every sample, the others fail in every one. */
    private static RunSample run(String id, int passingTasks) {
        List<ItemOutcome> items = new ArrayList<>();
        for (int t = 0; t < TASKS; t++) {
            for (int s = 0; s < 3; s++) {
                boolean passed = t < passingTasks;
                items.add(new ItemOutcome("task-" + t, s, "c", passed, passed ? 1.0 : -1.0, null, null, 0.0, 100,
                        "fenced", null, null, null, null));
            }
        }
        return new RunSample(id, "m", "1.0.0", items);
    }

    private static StreamPolicy floored(int items) {
        StreamPolicy configured = StreamPolicy.defaults();
        return configured.withMinPassRateDrop(NOISY.minPassRateDrop(configured.minPassRateDrop(), K, items));
    }

    @Test
    void aDropWithinTheNoiseFloorDoesNotAlarmThoughItWouldWithoutIt() {
        // 0.80 -> 0.70: 10 points, within 2 noise standard errors (11.3 points)
        List<RunSample> runs = List.of(run("ref", 40), run("check", 35));
        assertEquals(0.113, NOISY.minPassRateDrop(0.05, K, 150), 0.001);

        StreamAssessment without = StreamDetector.assess(runs, StreamPolicy.defaults());
        assertEquals(State.ALARM, without.state(), without.summary());

        StreamAssessment with = StreamDetector.assess(runs, floored(150));
        assertFalse(with.alertOpen(), with.summary());
        assertTrue(with.state() == State.CALIBRATING || with.state() == State.IN_CONTROL, with.summary());
        assertEquals(0.113, ((Number) with.evidence().get("minDrop")).doubleValue(), 0.001);
    }

    @Test
    void aDropBeyondTheNoiseFloorStillAlarms() {
        // 0.80 -> 0.60: 20 points
        StreamAssessment a = StreamDetector.assess(List.of(run("ref", 40), run("check", 30)), floored(150));
        assertEquals(State.ALARM, a.state(), a.summary());
    }
}
