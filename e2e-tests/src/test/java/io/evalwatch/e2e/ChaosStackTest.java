package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ItemIds;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.ProfileFile;
import io.evalwatch.suite.LoadedSuite;
import io.evalwatch.suite.SuiteFolder;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the chaos stack is given is valid before any process starts: its suite and its simulated model. */
class ChaosStackTest {

    @Test
    void theChaosSuiteIsValidAndHoldsTheTasksARunExpects(@TempDir Path work) {
        LoadedSuite suite = SuiteFolder.load(ChaosStack.suites(work).resolve(ChaosStack.SUITE));
        assertEquals(ChaosStack.taskIds(), suite.tasks().stream().map(t -> t.spec().id()).sorted().toList());
        assertEquals(500, ChaosStack.ITEMS);
    }

    @Test
    void theChaosModelPassesSomeItemsAndFailsOthers(@TempDir Path work) {
        ModelVersion model = ProfileFile.load(ChaosStack.profiles(work)).model(ChaosStack.MODEL)
                .scheduledAt(Instant.now());
        long passes = ChaosStack.taskIds().stream()
                .flatMap(task -> java.util.stream.IntStream.range(0, ChaosStack.SAMPLES)
                        .mapToObj(s -> model.decide(task, ItemIds.seedOf(ItemIds.of("r", task, ChaosStack.MODEL, s,
                                "base")))))
                .filter(kind -> kind.expectedToPass()).count();
        // both outcomes occur, so a run checks scoring against the truth both ways
        assertTrue(passes > 0 && passes < ChaosStack.ITEMS, "passes: " + passes);
    }
}
