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
    void theConsistencyProbeSendsTheBasePromptRepeatsTimesWhateverTheSamples() {
        RunPlan plain = plan(List.of("model-a"), 2, Provenance.monitor("nightly"), CONFIGS);
        RunPlan probed = RunPlan.of("run-1", MINI, MINI.tasks(), List.of("model-a"), 2, Provenance.monitor("nightly"),
                CONFIGS, Map.of(), NOW, null, RunVariants.of(List.of("repeat")), 7);

        List<TaskDispatched> repeats = probed.items().stream().filter(i -> i.variant().equals("repeat")).toList();
        long executable = MINI.tasks().stream().filter(t -> PromptVariant.REPEAT.appliesTo(t.kind())).count();
        assertEquals(executable * 7, repeats.size());
        assertEquals(probed.items().size(), probed.started().expectedItems());
        assertEquals(plain.items().size() + repeats.size(), probed.items().size());
        assertEquals(executable * 7 + plain.items().size(),
                RunPlan.itemsPerModel(MINI.tasks(), RunVariants.of(List.of("repeat")), 2, 7));
        // distinct by sample within the variant, and base is as it was
        assertEquals(repeats.size(), repeats.stream().map(TaskDispatched::itemId).distinct().count());
        assertTrue(repeats.stream().anyMatch(i -> i.itemId().equals("run-1/add/model-a/6/repeat")));
        assertEquals(plain.items(), probed.items().stream().filter(i -> i.variant().equals("base")).toList());
        StreamKey stream = probed.started().stream("model-a", "repeat").orElseThrow();
        assertEquals(7, stream.samples());
        assertEquals(plain.started().streams().get(0), probed.started().stream("model-a", "base").orElseThrow());
        // the probe's prompt is base's, byte for byte
        assertEquals("a prompt", PromptVariant.REPEAT.apply("a prompt", List.of(), "python"));
        assertEquals(PromptVariant.BASE, PromptVariant.recognise(PromptVariant.REPEAT.apply("a prompt", List.of(),
                "python")));
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

    @Test
    void theTwinVariantAsksEachTasksTwinUnderItsOwnIdWithTheTwinsTestsAndReference() {
        TaskDefinition add = MINI.task("add").orElseThrow();
        RunPlan varied = RunPlan.of("run-1", MINI, MINI.tasks(), List.of("model-a"), 2, Provenance.monitor("nightly"),
                CONFIGS, Map.of(), NOW, null, RunVariants.of(List.of("twin")));

        List<TaskDispatched> twins = varied.items().stream().filter(i -> i.variant().equals("twin")).toList();
        long twinned = MINI.tasks().stream().filter(TaskTwins::has).count();
        assertTrue(twinned > 0);
        assertEquals(twinned * 2, twins.size());
        assertEquals(varied.items().size(), varied.started().expectedItems());
        assertEquals(varied.items().size(), RunPlan.itemsPerModel(MINI.tasks(), RunVariants.of(
                List.of("twin")), 2, RunPlan.DEFAULT_REPEATS));
        TaskDispatched twin = twins.stream().filter(i -> i.itemId().equals("run-1/add/model-a/0/twin")).findFirst()
                .orElseThrow();
        TaskDispatched base = varied.items().stream().filter(i -> i.itemId().equals("run-1/add/model-a/0/base"))
                .findFirst().orElseThrow();
        // the twin under the original's id, renamed everywhere: prompt, entry point, tests and reference
        assertEquals("add", twin.task().id());
        assertNotEquals(add.entryPoint(), twin.task().entryPoint());
        assertTrue(twin.task().prompt().contains(twin.task().entryPoint()), twin.task().prompt());
        assertTrue(twin.task().reference().contains("def " + twin.task().entryPoint() + "("));
        twin.task().tests().forEach(t -> assertTrue(t.code().contains(twin.task().entryPoint()), t.code()));
        assertEquals(RunPlan.sha256(twin.task().prompt()), twin.promptHash());
        assertNotEquals(base.promptHash(), twin.promptHash());
        // deterministic: the same twin every run
        assertEquals(TaskTwins.of(add, null), TaskTwins.of(add, null));
        assertTrue(varied.started().stream("model-a", "twin").isPresent());
    }

    private static String id(List<String> models, int samples, Provenance provenance, Map<String, String> configs) {
        return plan(models, samples, provenance, configs).started().stream("model-a", RunPlan.BASE_VARIANT)
                .orElseThrow().id();
    }

    private static RunPlan plan(List<String> models, int samples, Provenance provenance, Map<String, String> configs) {
        return RunPlan.of("run-1", MINI, MINI.tasks(), models, samples, provenance, configs, Map.of(), NOW);
    }
}
