package io.evalwatch.task.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.FewShotExample;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.StreamKey;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.task.suite.Suite;
import io.evalwatch.task.suite.SuiteLoader;
import io.evalwatch.task.suite.TaskContent;
import io.evalwatch.task.suite.TaskDefinition;
import io.evalwatch.task.testing.SuiteFolders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunPlanTest {

    private static final Suite MINI = new SuiteLoader().load(SuiteFolders.SUITES.resolve("mini"));
    private static final Map<String, String> CONFIGS = Map.of("model-a", "config-a", "model-b", "config-b");
    private static final Instant NOW = Instant.parse("2026-01-05T06:00:00Z");

    @Test
    void aRunAnnouncesOneStreamPerModelAndTheHashOfEveryDispatchedTask() {
        RunStarted started = plan(List.of("model-a", "model-b"), 3, Provenance.monitor("nightly"), CONFIGS).started();

        assertEquals(List.of("model-a", "model-b"), started.streams().stream().map(StreamKey::model).toList());
        StreamKey a = started.stream("model-a", RunPlan.BASE_VARIANT).orElseThrow();
        assertEquals("monitor:nightly", a.origin());
        assertEquals("mini", a.suite());
        assertEquals(3, a.samples());
        assertEquals("config-a", a.generationConfigHash());
        assertNull(a.environmentHash());
        assertEquals(MINI.taskHashes(), started.taskHashes());
        assertEquals(TaskContent.taskSetHash(MINI.taskHashes()), a.taskSetHash());
        assertEquals("schedule", started.trigger());
        assertEquals("nightly", started.monitor());
    }

    @Test
    void theSameRequestTwiceIsTheSameStream() {
        Provenance series = Provenance.of(new RunRequest("mini", List.of("model-a"), 3, null, true, "main"));
        assertEquals("gate", series.trigger());
        assertEquals("series:main", series.origin());
        assertEquals(id(List.of("model-a"), 3, series, CONFIGS), id(List.of("model-a"), 3, series, CONFIGS));
        assertEquals(id(List.of("model-a"), 3, Provenance.monitor("m"), CONFIGS),
                id(List.of("model-a", "model-b"), 3, Provenance.monitor("m"), CONFIGS), "other models do not matter");
    }

    @Test
    void samplesOriginModelAndGenerationConfigEachMakeAnotherStream() {
        Provenance main = new Provenance("manual", null, "main");
        String id = id(List.of("model-a"), 3, main, CONFIGS);
        assertNotEquals(id, id(List.of("model-a"), 1, main, CONFIGS));
        assertNotEquals(id, id(List.of("model-a"), 3, new Provenance("manual", null, "nightly"), CONFIGS));
        assertNotEquals(id, id(List.of("model-a"), 3, Provenance.monitor("main"), CONFIGS));
        assertNotEquals(id, id(List.of("model-a"), 3, main, Map.of("model-a", "config-a2")));
        assertNotEquals(id, plan(List.of("model-b"), 3, main, CONFIGS).started().streams().get(0).id());
    }

    @Test
    void anAdHocRunHasStreamKeysWithoutOrigin() {
        RunStarted started = plan(List.of("model-a"), 1,
                Provenance.of(new RunRequest("mini", List.of("model-a"), 1, null)), CONFIGS).started();
        StreamKey key = started.streams().get(0);
        assertEquals("manual", started.trigger());
        assertNull(key.origin());
        assertNull(key.id());
        assertEquals(TaskContent.taskSetHash(MINI.taskHashes()), key.taskSetHash());
    }

    @Test
    void aSubsetOfTasksIsAnotherSegmentOfTheSameStream() {
        Provenance main = new Provenance("manual", null, "main");
        StreamKey all = plan(List.of("model-a"), 1, main, CONFIGS).started().streams().get(0);
        StreamKey add = RunPlan.of("run-2", MINI, List.of(MINI.task("add").orElseThrow()), List.of("model-a"), 1, main,
                CONFIGS, Map.of(), NOW).started().streams().get(0);
        assertEquals(all.id(), add.id());
        assertNotEquals(all.segment(), add.segment());
    }

    @Test
    void aChangedEnvironmentIsANewSegmentOfTheSameStreamAndItemsCarryTheirLock() {
        Provenance main = new Provenance("manual", null, "main");
        EnvironmentSpec spec = new EnvironmentSpec(new EnvironmentSpec.Python("debian", List.of("numpy"),
                List.of(), null, null), null, null);
        Map<String, EnvironmentRef> v1 = Map.of("add", new EnvironmentRef("1111aaaa2222bbbb", spec),
                "neg", new EnvironmentRef("1111aaaa2222bbbb", spec));
        Map<String, EnvironmentRef> v2 = Map.of("add", new EnvironmentRef("3333cccc4444dddd", spec),
                "neg", new EnvironmentRef("3333cccc4444dddd", spec));
        RunPlan plain = plan(List.of("model-a"), 1, main, CONFIGS);
        RunPlan first = RunPlan.of("run-1", MINI, MINI.tasks(), List.of("model-a"), 1, main, CONFIGS, v1, NOW);
        RunPlan second = RunPlan.of("run-2", MINI, MINI.tasks(), List.of("model-a"), 1, main, CONFIGS, v2, NOW);

        StreamKey a = first.started().streams().get(0);
        StreamKey b = second.started().streams().get(0);
        assertNull(plain.started().streams().get(0).environmentHash());
        assertEquals("1111aaaa2222bbbb", a.environmentHash(), "one environment: its lock hash");
        assertEquals(a.id(), b.id(), "the stream goes on");
        assertNotEquals(a.segment(), b.segment(), "what it measured changed");
        assertNotEquals(plain.started().streams().get(0).segment(), a.segment());
        first.items().forEach(item -> assertEquals("1111aaaa2222bbbb", item.task().environment().lockHash()));
        plain.items().forEach(item -> assertNull(item.task().environment()));
    }

    @Test
    void eachVariantDispatchesEveryTaskAndAnnouncesItsOwnStreamWhileBaseStaysAsItWas() {
        RunPlan plain = plan(List.of("model-a"), 2, Provenance.monitor("nightly"), CONFIGS);
        RunPlan varied = RunPlan.of("run-1", MINI, MINI.tasks(), List.of("model-a"), 2, Provenance.monitor("nightly"),
                CONFIGS, Map.of(), NOW, null, RunVariants.of(List.of("structured", "base", "few-shot")));

        assertEquals(3 * plain.items().size(), varied.items().size());
        assertEquals(varied.items().size(), varied.started().expectedItems());
        assertEquals(List.of("base", "few-shot", "structured"),
                varied.started().streams().stream().map(StreamKey::variant).toList());
        // base is the same stream with the same items whatever other variants run beside it
        assertEquals(plain.started().streams().get(0), varied.started().stream("model-a", "base").orElseThrow());
        assertEquals(plain.items(), varied.items().stream().filter(i -> i.variant().equals("base")).toList());
        assertNotEquals(plain.started().streams().get(0).id(),
                varied.started().stream("model-a", "few-shot").orElseThrow().id());
        assertTrue(varied.items().stream().anyMatch(i -> i.itemId().equals("run-1/add/model-a/1/few-shot")));
    }

    @Test
    void fewShotItemsCarryOtherTasksOfTheSuiteAndOtherVariantsNone() {
        RunPlan varied = RunPlan.of("run-1", MINI, List.of(MINI.task("add").orElseThrow()), List.of("model-a"), 1,
                Provenance.monitor("nightly"), CONFIGS, Map.of(), NOW, null,
                RunVariants.of(List.of("base", "few-shot")));

        TaskDispatched fewShot = varied.items().stream().filter(i -> i.variant().equals("few-shot")).findFirst()
                .orElseThrow();
        // drawn from the whole suite, not only the run's tasks, and never the task itself
        assertEquals(List.of("neg"), fewShot.examples().stream().map(FewShotExample::taskId).toList());
        assertEquals(MINI.task("neg").orElseThrow().reference(), fewShot.examples().get(0).solution());
        assertTrue(varied.items().stream().filter(i -> i.variant().equals("base")).allMatch(i -> i.examples().isEmpty()));
    }

    @Test
    void anUnknownVariantIsRefusedNamingTheKnownOnes() {
        InvalidRunException e = assertThrows(InvalidRunException.class,
                () -> RunVariants.of(List.of("base", "zero-shot")));
        assertEquals("variants", e.field());
        assertTrue(e.getMessage().contains("zero-shot"), e.getMessage());
        assertTrue(e.getMessage().contains("[base, few-shot, chain-of-thought, structured"), e.getMessage());
        assertEquals(List.of(PromptVariant.BASE), RunVariants.of(null));
    }

    @Test
    void fewShotExamplesAreDeterministicAndOfTheSameKindAndLanguage() {
        TaskDefinition add = MINI.task("add").orElseThrow();
        assertEquals(FewShotExamples.of(MINI.tasks(), add, 3), FewShotExamples.of(MINI.tasks(), add, 3));
        assertTrue(FewShotExamples.of(MINI.tasks(), add, 0).isEmpty());
        assertTrue(FewShotExamples.of(List.of(add), add, 3).isEmpty());
    }

    private static String id(List<String> models, int samples, Provenance provenance, Map<String, String> configs) {
        return plan(models, samples, provenance, configs).started().stream("model-a", RunPlan.BASE_VARIANT)
                .orElseThrow().id();
    }

    private static RunPlan plan(List<String> models, int samples, Provenance provenance, Map<String, String> configs) {
        return RunPlan.of("run-1", MINI, MINI.tasks(), models, samples, provenance, configs, Map.of(), NOW);
    }
}
