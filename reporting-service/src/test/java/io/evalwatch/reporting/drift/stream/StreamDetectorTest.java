package io.evalwatch.reporting.drift.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.RunSample;
import io.evalwatch.reporting.drift.stream.StreamAssessment.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class StreamDetectorTest {

    /** The in-control level is the reference alone: every check is judged against it. */
    private static final StreamPolicy REFERENCE_ONLY = new StreamPolicy(1, 0.5, 4.0, 2.5, 0.05, 30, 10, 1.0, 2,
            false);

    /** tasks x 3 samples; passed(sample index within the task) decides every task alike. */
    private static RunSample run(String id, int tasks, IntPredicate passedSample) {
        List<ItemOutcome> items = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            for (int s = 0; s < 3; s++) {
                items.add(item("task-" + t, s, passedSample.test(s)));
            }
        }
        return new RunSample(id, "m", "1.0.0", items);
    }

    private static ItemOutcome item(String task, int sample, boolean passed) {
        return new ItemOutcome(task, sample, "c", passed, passed ? 1.0 : -1.0, null, null, 0.0, 100, "fenced", null,
                null, null, null);
    }

    private static final IntPredicate TWO_OF_THREE = s -> s < 2;
    private static final IntPredicate ONE_OF_THREE = s -> s < 1;
    private static final IntPredicate NONE = s -> false;

    @Test
    void theReferenceAloneIsCalibratingWithNothingToJudge() {
        StreamAssessment a = StreamDetector.assess(List.of(run("ref", 10, TWO_OF_THREE)), StreamPolicy.defaults());

        assertEquals(State.CALIBRATING, a.state());
        assertTrue(a.checks().isEmpty());
        assertFalse(a.alertOpen());
        assertTrue(a.summary().contains("nothing to judge"), a.summary());
    }

    @Test
    void aSmallCaseComputedByHand() {
        // 10 tasks x 3 samples; reference 2 of 3 per task, check 1 of 3 per task. In-control 2/3 per task, unbiased
        // item variance (2/3)(1/3)(3/2) = 1/3; variance of the difference 10 x (1/10)^2 x 1/3 x (1/3 + 1/3) = 2/90;
        // z = (1/3 - 2/3) / sqrt(2/90) = -sqrt(5); CUSUM max(0, 0 + sqrt(5) - 0.5)
        List<RunSample> runs = List.of(run("ref", 10, TWO_OF_THREE), run("w1", 10, ONE_OF_THREE));
        StreamAssessment a = StreamDetector.assess(runs, REFERENCE_ONLY);

        StreamAssessment.Check check = a.latest().orElseThrow();
        assertEquals(30, check.pairs());
        assertEquals(10, check.tasks());
        assertEquals(1.0 / 3, check.passRate(), 1e-12);
        assertEquals(2.0 / 3, check.inControlPassRate(), 1e-12);
        assertEquals(-Math.sqrt(5), check.statistic(), 1e-12);
        assertEquals(Math.sqrt(5) - 0.5, check.cusum(), 1e-12);
        assertEquals(State.IN_CONTROL, a.state());
        assertFalse(check.alarm());
    }

    @Test
    void theCusumAccumulatesToAnAlarmThenStaysOutOfControlThenRecovers() {
        List<RunSample> runs = new ArrayList<>(List.of(run("ref", 10, TWO_OF_THREE), run("w1", 10, ONE_OF_THREE),
                run("w2", 10, ONE_OF_THREE)));
        assertEquals(State.IN_CONTROL, StreamDetector.assess(runs, REFERENCE_ONLY).state());

        runs.add(run("w3", 10, ONE_OF_THREE));
        StreamAssessment alarm = StreamDetector.assess(runs, REFERENCE_ONLY);
        // three checks at z = -sqrt(5): 3 (sqrt(5) - 0.5) = 5.21 > 4
        assertEquals(State.ALARM, alarm.state());
        assertTrue(alarm.alertOpen());
        assertEquals(3 * (Math.sqrt(5) - 0.5), alarm.latest().orElseThrow().cusum(), 1e-12);
        assertEquals("pass rate 0.33 against the stream's in-control 0.67 (z=-2.2; CUSUM 5.2 > 4.0)",
                alarm.summary());
        assertEquals("ALARM", alarm.evidence().get("state"));
        assertEquals("cusum", alarm.evidence().get("trigger"));
        assertEquals("w3", alarm.evidence().get("alarmRunId"));
        assertJsonFriendly(alarm.evidence());

        runs.add(run("w4", 10, ONE_OF_THREE));
        StreamAssessment still = StreamDetector.assess(runs, REFERENCE_ONLY);
        assertEquals(State.OUT_OF_CONTROL, still.state());
        assertTrue(still.alertOpen());
        assertTrue(still.summary().startsWith("still out of control since run w3"), still.summary());

        runs.add(run("w5", 10, TWO_OF_THREE));
        assertEquals(State.OUT_OF_CONTROL, StreamDetector.assess(runs, REFERENCE_ONLY).state());
        runs.add(run("w6", 10, TWO_OF_THREE));
        StreamAssessment recovered = StreamDetector.assess(runs, REFERENCE_ONLY);
        assertEquals(State.RECOVERED, recovered.state());
        assertFalse(recovered.alertOpen());
        assertEquals(0.0, recovered.latest().orElseThrow().cusum());
        assertTrue(recovered.summary().startsWith("back in control since run w3"), recovered.summary());

        runs.add(run("w7", 10, TWO_OF_THREE));
        assertEquals(State.IN_CONTROL, StreamDetector.assess(runs, REFERENCE_ONLY).state());
        assertEquals(List.of(false, false, true, false, false, false, false),
                StreamDetector.assess(runs, REFERENCE_ONLY).checks().stream().map(c -> c.alarm()).toList());
    }

    @Test
    void aLargeStepAlarmsAtOnceEvenWhileCalibrating() {
        // 0 of 3 against 2 of 3: z far below the single-check limit
        StreamAssessment a = StreamDetector.assess(List.of(run("ref", 10, TWO_OF_THREE), run("w1", 10, NONE)),
                StreamPolicy.defaults());

        assertEquals(State.ALARM, a.state());
        assertEquals("shewhart", a.evidence().get("trigger"));
        assertTrue(a.summary().contains("single-check limit"), a.summary());
    }

    @Test
    void runsDuringCalibrationJoinTheWindowUntilItIsFull() {
        StreamPolicy policy = StreamDefaults.withWindow(3);
        List<RunSample> runs = List.of(run("ref", 10, TWO_OF_THREE), run("w1", 10, TWO_OF_THREE),
                run("w2", 10, TWO_OF_THREE), run("w3", 10, TWO_OF_THREE));
        StreamAssessment a = StreamDetector.assess(runs, policy);

        assertEquals(List.of(State.CALIBRATING, State.CALIBRATING, State.IN_CONTROL),
                a.checks().stream().map(StreamAssessment.Check::state).toList());
        assertEquals(List.of(1, 2, 3), a.checks().stream().map(StreamAssessment.Check::calibrationRuns).toList());
    }

    @Test
    void aClearlyLowCalibratingRunIsHeldOutAndDoesNotMoveTheInControlLevel() {
        // 20 tasks; reference and w1 at 2 of 3 per task; w2 has 9 tasks at 1 of 3 (a 15-point drop, z = -1.84):
        // below the admission limit of 1.5, not an alarm (the single-check limit is 2.4)
        List<ItemOutcome> low = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            for (int s = 0; s < 3; s++) {
                low.add(item("task-" + t, s, t < 9 ? s < 1 : s < 2));
            }
        }
        List<RunSample> runs = List.of(run("ref", 20, TWO_OF_THREE), run("w1", 20, TWO_OF_THREE),
                new RunSample("w2", "m", "1.0.0", low), run("w3", 20, TWO_OF_THREE));
        StreamAssessment a = StreamDetector.assess(runs, StreamPolicy.defaults());

        StreamAssessment.Check held = a.checks().get(1);
        assertTrue(held.statistic() < -1.5 && held.statistic() > -2.4, held.toString());
        assertEquals(State.CALIBRATING, held.state());
        assertTrue(held.heldOut());
        assertFalse(held.alarm());
        // the next check is compared with the same two runs: the held-out run joined nothing
        StreamAssessment.Check next = a.checks().get(2);
        assertEquals(2, next.calibrationRuns());
        assertEquals(2.0 / 3, next.inControlPassRate(), 1e-12);
        assertFalse(next.heldOut());
        assertEquals(List.of(1, 2, 2), a.checks().stream().map(StreamAssessment.Check::calibrationRuns).toList());

        StreamAssessment atHeld = StreamDetector.assess(runs.subList(0, 3), StreamPolicy.defaults());
        assertEquals(State.CALIBRATING, atHeld.state());
        assertEquals(Boolean.TRUE, atHeld.evidence().get("heldOut"));
        assertTrue(atHeld.summary().contains("held out of the in-control estimate (z=-1.8"), atHeld.summary());
        assertJsonFriendly(atHeld.evidence());

        // without an admission rule (the old behaviour) the same run joins and pulls the level down
        StreamPolicy none = StreamPolicy.defaults().withAdmissionZ(Double.POSITIVE_INFINITY);
        StreamAssessment b = StreamDetector.assess(runs, none);
        assertFalse(b.checks().get(1).heldOut());
        assertEquals(3, b.checks().get(2).calibrationRuns());
        assertTrue(b.checks().get(2).inControlPassRate() < 2.0 / 3 - 0.01, b.checks().get(2).toString());
    }

    @Test
    void anOrdinaryCalibratingRunJoinsTheWindow() {
        // a check one pass lower than the reference on one task: z well within the admission limit
        List<ItemOutcome> close = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            for (int s = 0; s < 3; s++) {
                close.add(item("task-" + t, s, t < 1 ? s < 1 : s < 2));
            }
        }
        List<RunSample> runs = List.of(run("ref", 20, TWO_OF_THREE), new RunSample("w1", "m", "1.0.0", close),
                run("w2", 20, TWO_OF_THREE));
        StreamAssessment a = StreamDetector.assess(runs, StreamPolicy.defaults());

        StreamAssessment.Check joined = a.checks().get(0);
        assertTrue(Math.abs(joined.statistic()) < 1.5, joined.toString());
        assertEquals(State.CALIBRATING, joined.state());
        assertFalse(joined.heldOut());
        assertEquals(2, a.checks().get(1).calibrationRuns());
        assertEquals((40.0 + 39) / 120, a.checks().get(1).inControlPassRate(), 1e-12);
        assertEquals(Boolean.FALSE, a.evidence().get("heldOut"));
        assertFalse(a.summary().contains("held out"), a.summary());
    }

    @Test
    void theAdmissionRuleIsOptionalAndValidated() {
        StreamPolicy old = new StreamPolicy(10, 0.5, 3.5, 2.4, 0.05, 30, 10, 1.0, 2, true);
        assertTrue(Double.isInfinite(old.admissionZ()));
        assertFalse(old.hasAdmissionRule());
        assertTrue(old.admits(-7.9));
        assertTrue(StreamPolicy.defaults().hasAdmissionRule());
        assertEquals(1.5, StreamPolicy.defaults().admissionZ());
        assertTrue(StreamPolicy.defaults().admits(-1.5));
        assertFalse(StreamPolicy.defaults().admits(-1.51));
        assertFalse(StreamPolicy.defaults().admits(1.51));
        assertEquals(1.5, StreamPolicy.defaults().withLimits(8, 0.5, 4, 2.5).admissionZ());
        assertThrows(IllegalArgumentException.class, () -> StreamPolicy.defaults().withAdmissionZ(0));
        assertThrows(IllegalArgumentException.class, () -> StreamPolicy.defaults().withAdmissionZ(Double.NaN));
    }

    @Test
    void aWobblingCalibrationWindowWidensTheStandardError() {
        // window runs at 2, 3, 2 and 3 of 3 on every task: their pass rates spread more than their items explain
        List<RunSample> wobbling = List.of(run("ref", 10, TWO_OF_THREE), run("w1", 10, s -> true),
                run("w2", 10, TWO_OF_THREE), run("w3", 10, s -> true), run("check", 10, ONE_OF_THREE));
        // (no admission rule: it would hold the runs at 3 of 3 out of the window)
        StreamPolicy with = StreamDefaults.withWindow(4).withBetweenRunVariance(true)
                .withAdmissionZ(Double.POSITIVE_INFINITY);
        StreamAssessment a = StreamDetector.assess(wobbling, with);
        StreamAssessment b = StreamDetector.assess(wobbling, with.withBetweenRunVariance(false));

        // a drop to 1 of 3 is within what this window's wobble makes ordinary, and an alarm without the term
        assertEquals(List.of(State.CALIBRATING, State.CALIBRATING, State.CALIBRATING, State.IN_CONTROL),
                a.checks().stream().map(StreamAssessment.Check::state).toList());
        assertEquals(State.ALARM, b.state());
        assertTrue(((Number) a.evidence().get("betweenRunSd")).doubleValue() > 0.1, a.evidence().toString());
        assertTrue(a.latest().orElseThrow().statistic() > b.latest().orElseThrow().statistic(),
                a.latest() + " vs " + b.latest());
        // identical window runs: nothing beyond the items
        List<RunSample> steady = List.of(run("ref", 10, TWO_OF_THREE), run("w1", 10, TWO_OF_THREE),
                run("w2", 10, TWO_OF_THREE), run("w3", 10, TWO_OF_THREE), run("check", 10, ONE_OF_THREE));
        assertEquals(0L, StreamDetector.assess(steady, with).evidence().get("betweenRunSd"));
    }

    @Test
    void tooFewPairsOrTasksAreNotJudgedAndLeaveAnOpenAlertOpen() {
        RunSample small = new RunSample("tiny", "m", "1.0.0", run("x", 10, TWO_OF_THREE).items().subList(0, 5));
        StreamAssessment a = StreamDetector.assess(List.of(run("ref", 10, TWO_OF_THREE), small),
                StreamPolicy.defaults());
        assertEquals(State.TOO_FEW, a.state());
        assertEquals("too few items to judge (n=5)", a.summary());
        assertNull(a.latest().orElseThrow().statistic());
        assertJsonFriendly(a.evidence());

        // 3 tasks, 60 samples each: enough pairs, too few tasks
        List<ItemOutcome> wide = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            for (int s = 0; s < 60; s++) {
                wide.add(item("task-" + t, s, true));
            }
        }
        RunSample fewTasks = new RunSample("wide", "m", "1.0.0", wide);
        assertEquals(State.TOO_FEW, StreamDetector.assess(List.of(fewTasks, fewTasks), StreamPolicy.defaults())
                .state());

        StreamAssessment open = StreamDetector.assess(List.of(run("ref", 10, TWO_OF_THREE), run("w1", 10, NONE),
                small), StreamPolicy.defaults());
        assertEquals(State.TOO_FEW, open.state());
        assertTrue(open.alertOpen());
    }

    @Test
    void keysMissingFromTheReferenceOrTheCheckAreIgnored() {
        List<ItemOutcome> items = new ArrayList<>(run("w1", 10, TWO_OF_THREE).items());
        items.add(item("task-new", 0, false));
        items.add(item("task-0", 7, false));
        items.remove(0);
        StreamAssessment a = StreamDetector.assess(List.of(run("ref", 10, TWO_OF_THREE),
                new RunSample("w1", "m", "1.0.0", items)), REFERENCE_ONLY);

        assertEquals(29, a.latest().orElseThrow().pairs());
    }

    @Test
    void anUnchangedStreamStaysQuietAndAStepIsCaughtAtTheFirstCheck() {
        List<RunSample> quiet = simulated(0.80, 0.80, 52, 11L);
        StreamAssessment a = StreamDetector.assess(quiet, StreamPolicy.defaults());
        assertTrue(a.checks().stream().noneMatch(StreamAssessment.Check::alarm), a.checks().toString());

        List<RunSample> stepped = simulated(0.80, 0.65, 20, 11L);
        StreamAssessment b = StreamDetector.assess(stepped, StreamPolicy.defaults());
        assertEquals(State.ALARM, b.state(), b.summary());
        assertEquals(19, b.checks().stream().filter(c -> !c.alarm()).count());
    }

    @Test
    void invalidInputIsRefused() {
        RunSample ref = run("ref", 10, TWO_OF_THREE);
        assertThrows(IllegalArgumentException.class, () -> StreamDetector.assess(List.of(), StreamPolicy.defaults()));
        assertThrows(NullPointerException.class, () -> StreamDetector.assess(null, StreamPolicy.defaults()));
        assertThrows(NullPointerException.class, () -> StreamDetector.assess(List.of(ref), null));
        List<ItemOutcome> twice = new ArrayList<>(ref.items());
        twice.add(twice.get(0));
        RunSample duplicated = new RunSample("dup", "m", "1.0.0", twice);
        assertThrows(IllegalArgumentException.class,
                () -> StreamDetector.assess(List.of(duplicated), StreamPolicy.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> StreamDetector.assess(List.of(ref, duplicated), StreamPolicy.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamPolicy(0, 0.5, 4, 2.5, 0.05, 30, 10, 1, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamPolicy(10, -1, 4, 2.5, 0.05, 30, 10, 1, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamPolicy(10, 0.5, 0, 2.5, 0.05, 30, 10, 1, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamPolicy(10, 0.5, 4, 0, 0.05, 30, 10, 1, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamPolicy(10, 0.5, 4, 2.5, 1.0, 30, 10, 1, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamPolicy(10, 0.5, 4, 2.5, 0.05, 1, 10, 1, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamPolicy(10, 0.5, 4, 2.5, 0.05, 30, 1, 1, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamPolicy(10, 0.5, 4, 2.5, 0.05, 30, 10, -1, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> new StreamPolicy(10, 0.5, 4, 2.5, 0.05, 30, 10, 1, 0, false));
    }

    /** Weekly runs of 50 tasks x 3 samples, homogeneous: weeks 0..changeWeek-1 at before, week changeWeek at after. */
    private static List<RunSample> simulated(double before, double after, int changeWeek, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RunSample> runs = new ArrayList<>();
        int weeks = before == after ? changeWeek : changeWeek + 1;
        for (int w = 0; w <= weeks; w++) {
            double p = w < changeWeek ? before : after;
            List<ItemOutcome> items = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                for (int s = 0; s < 3; s++) {
                    items.add(item("task-" + t, s, random.nextDouble() < p));
                }
            }
            runs.add(new RunSample("week-" + w, "m", "1.0.0", items));
        }
        return runs.subList(0, Math.min(runs.size(), before == after ? weeks + 1 : changeWeek + 1));
    }

    private static final class StreamDefaults {
        static StreamPolicy withWindow(int w) {
            StreamPolicy d = StreamPolicy.defaults();
            return d.withLimits(w, d.cusumAllowance(), d.cusumLimit(), d.shewhartLimit());
        }
    }

    private static void assertJsonFriendly(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertTrue(k instanceof String, "key " + k);
                assertJsonFriendly(v);
            });
            return;
        }
        if (value instanceof List<?> list) {
            list.forEach(StreamDetectorTest::assertJsonFriendly);
            return;
        }
        throw new AssertionError("not JSON-friendly: " + value.getClass());
    }
}
