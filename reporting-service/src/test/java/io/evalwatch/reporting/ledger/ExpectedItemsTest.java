package io.evalwatch.reporting.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.ItemIds;
import io.evalwatch.events.TaskKind;
import io.evalwatch.reporting.stream.RunStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectedItemsTest {

    @Test
    void everyTaskModelVariantAndSampleOfTheRunsStreamsIsExpected() {
        RunRecord run = run();
        List<String> missing = ExpectedItems.of(run, List.of(stream("m1", "base"), stream("m1", "few-shot"),
                stream("m2", "base")), Map.of()).missingFrom(Set.of(ItemIds.of("r", "a", "m1", 0, "base")));
        // 2 tasks × 3 streams × 2 samples = 12 expected, one seen
        assertEquals(11, missing.size());
        assertEquals(ItemIds.of("r", "a", "m1", 1, "base"), missing.get(0));
        assertEquals(ItemIds.of("r", "a", "m1", 0, "few-shot"), missing.get(1));
        assertEquals(ItemIds.of("r", "b", "m2", 1, "base"), missing.get(10));
    }

    @Test
    void aRunAnnouncedWithoutStreamsRanTheBaseVariantOfEachModel() {
        List<String> missing = ExpectedItems.of(run(), List.of(), Map.of()).missingFrom(Set.of());
        assertEquals(8, missing.size());
        assertEquals(ItemIds.of("r", "b", "m2", 1, "base"), missing.get(7));
    }

    @Test
    void nothingIsMissingWhenEveryExpectedItemWasSeen() {
        ExpectedItems expected = ExpectedItems.of(run(), List.of(), Map.of());
        assertEquals(List.of(), expected.missingFrom(Set.copyOf(expected.missingFrom(Set.of()))));
    }

    @Test
    void aVariantIsNotExpectedForTheTaskKindsItDoesNotApplyTo() {
        // task b is a review (known from an item that arrived): few-shot was dispatched for task a alone
        List<String> missing = ExpectedItems.of(run(), List.of(stream("m1", "base"), stream("m1", "few-shot")),
                Map.of("a", TaskKind.GENERATION, "b", TaskKind.REVIEW)).missingFrom(Set.of());
        assertEquals(6, missing.size(), missing.toString());
        assertEquals(List.of(), missing.stream().filter(id -> id.contains("/b/") && id.endsWith("few-shot")).toList());
    }

    @Test
    void theTwinOfATaskWithoutATwinIsNotExpectedWhileALostTwinIs() {
        // task a has a twin, one of whose items arrived; task b has none: its base items arrived, no twin item
        Set<String> seen = Set.of(ItemIds.of("r", "a", "m1", 0, "twin"), ItemIds.of("r", "a", "m1", 0, "base"),
                ItemIds.of("r", "b", "m1", 0, "base"), ItemIds.of("r", "b", "m1", 1, "base"));
        List<String> missing = ExpectedItems.of(run(), List.of(stream("m1", "base"), stream("m1", "twin")),
                Map.of("a", TaskKind.COMPLETION, "b", TaskKind.GENERATION)).missingFrom(seen);
        assertEquals(List.of(ItemIds.of("r", "a", "m1", 1, "base"), ItemIds.of("r", "a", "m1", 1, "twin")), missing);
        // a task none of whose items arrived is listed under every variant its kind allows
        assertEquals(8, ExpectedItems.of(run(), List.of(stream("m1", "base"), stream("m1", "twin")), Map.of())
                .missingFrom(Set.of()).size());
    }

    @Test
    void theConsistencyProbesStreamExpectsItsRepeats() {
        RunStream repeat = stream("m1", "repeat");
        repeat.samples = 5;
        List<String> missing = ExpectedItems.of(run(), List.of(stream("m1", "base"), repeat),
                Map.of("a", TaskKind.GENERATION, "b", TaskKind.REVIEW)).missingFrom(Set.of());
        // base: 2 tasks x 2 samples; repeat: task a alone (a review is not probed) x 5 repeats
        assertEquals(4 + 5, missing.size(), missing.toString());
        assertEquals(ItemIds.of("r", "a", "m1", 4, "repeat"), missing.get(6));
    }

    private static RunRecord run() {
        RunRecord run = new RunRecord();
        run.runId = "r";
        run.models = List.of("m1", "m2");
        run.samples = 2;
        run.taskHashes = Map.of("b", "hb", "a", "ha");
        return run;
    }

    private static RunStream stream(String model, String variant) {
        RunStream s = new RunStream();
        s.runId = "r";
        s.model = model;
        s.variant = variant;
        return s;
    }
}
