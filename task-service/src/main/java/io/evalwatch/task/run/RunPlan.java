package io.evalwatch.task.run;

import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.FewShotExample;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.JudgeSpec;
import io.evalwatch.events.judge.JudgeRubrics;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.StreamKey;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.probe.LongContext;
import io.evalwatch.task.environment.RunEnvironments;
import io.evalwatch.task.suite.Suite;
import io.evalwatch.task.suite.TaskContent;
import io.evalwatch.task.suite.TaskDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of a run: one per task × model × sample × variant, with the run's announcement, which carries one
 * stream key per model × variant and the content hash of every dispatched task.
 */
public record RunPlan(RunStarted started, List<TaskDispatched> items) {

    public static final String BASE_VARIANT = PromptVariant.BASE.id();
    static final List<PromptVariant> BASE_ONLY = List.of(PromptVariant.BASE);

    /**
     * @param generationConfigHashes GenerationConfig hash by model name
     * @param environments the resolved environment of each task that declares one, by task id
     */
    static RunPlan of(String runId, Suite suite, List<TaskDefinition> tasks, List<String> models, int samples,
            Provenance provenance, Map<String, String> generationConfigHashes,
            Map<String, EnvironmentRef> environments, Instant now) {
        return of(runId, suite, tasks, models, samples, provenance, generationConfigHashes, environments, now, null,
                BASE_ONLY);
    }

    /**
     * @param judgeModel the run's LLM judge (checked by JudgeGuard), null for none: every item then carries it
     * @param variants the prompt variants, base first when present; a variant dispatches only the tasks whose kind
     *     it applies to, and a few-shot item carries its examples (other tasks of the suite, see FewShotExamples)
     */
    static RunPlan of(String runId, Suite suite, List<TaskDefinition> tasks, List<String> models, int samples,
            Provenance provenance, Map<String, String> generationConfigHashes,
            Map<String, EnvironmentRef> environments, Instant now, String judgeModel, List<PromptVariant> variants) {
        return of(runId, suite, tasks, models, samples, provenance, generationConfigHashes, environments, now,
                judgeModel, variants, null);
    }

    /**
     * @param longContext the long-context probe's settings, used when variants hold it: its items (see
     *     LongContextItems) follow the suite's, with one stream per model × cell
     */
    static RunPlan of(String runId, Suite suite, List<TaskDefinition> tasks, List<String> models, int samples,
            Provenance provenance, Map<String, String> generationConfigHashes,
            Map<String, EnvironmentRef> environments, Instant now, String judgeModel, List<PromptVariant> variants,
            LongContextItems.Options longContext) {
        Map<String, String> taskHashes = new LinkedHashMap<>();
        tasks.forEach(t -> taskHashes.put(t.id(), t.contentHash()));
        List<TaskDispatched> items = new ArrayList<>();
        for (TaskDefinition task : tasks) {
            String promptHash = sha256(task.prompt());
            JudgeSpec judge = judgeModel == null ? null
                    : new JudgeSpec(judgeModel, JudgeRubrics.idOf(task.kind()), JudgeRubrics.VERSION);
            for (String model : models) {
                for (PromptVariant variant : variants) {
                    if (!variant.appliesTo(task.kind())) {
                        continue;
                    }
                    List<FewShotExample> examples = variant == PromptVariant.FEW_SHOT
                            ? FewShotExamples.of(suite.tasks(), task, PromptVariant.DEFAULT_EXAMPLES) : List.of();
                    for (int sample = 0; sample < samples; sample++) {
                        items.add(new TaskDispatched(TaskDispatched.SCHEMA_VERSION,
                                ItemIds.of(runId, task.id(), model, sample, variant.id()), runId, suite.name(),
                                suite.version(), model, sample, variant.id(), task.toSpec(environments.get(task.id())),
                                promptHash, now, judge, examples));
                    }
                }
            }
        }
        boolean probe = variants.contains(PromptVariant.LONG_CONTEXT) && longContext != null;
        if (probe) {
            items.addAll(LongContextItems.dispatch(runId, suite.name(), suite.version(), models, samples, longContext,
                    now));
        }
        List<StreamKey> streams = new ArrayList<>(streams(suite.name(), models, samples, provenance,
                generationConfigHashes, TaskContent.taskSetHash(taskHashes),
                RunEnvironments.environmentHash(environments),
                variants.stream().filter(v -> v != PromptVariant.LONG_CONTEXT).toList()));
        if (probe) {
            // one stream per model × cell: a cell's items are compared only with the same cell's
            String probeHash = LongContextItems.taskSetHash(longContext);
            for (String model : models) {
                for (LongContext.Cell cell : longContext.cells()) {
                    streams.add(new StreamKey(provenance.origin(), model, suite.name(), probeHash, samples,
                            generationConfigHashes.get(model), cell.variant(), null));
                }
            }
        }
        RunStarted started = new RunStarted(RunStarted.SCHEMA_VERSION, runId, suite.name(), suite.version(),
                List.copyOf(models), samples, items.size(), provenance.trigger(), provenance.monitor(), now,
                provenance.series(), List.copyOf(streams), taskHashes);
        return new RunPlan(started, List.copyOf(items));
    }

    static List<StreamKey> streams(String suite, List<String> models, int samples, Provenance provenance,
            Map<String, String> generationConfigHashes, String taskSetHash, String environmentHash,
            List<PromptVariant> variants) {
        List<StreamKey> streams = new ArrayList<>();
        for (String model : models) {
            for (PromptVariant variant : variants) {
                streams.add(new StreamKey(provenance.origin(), model, suite, taskSetHash, samples,
                        generationConfigHashes.get(model), variant.id(), environmentHash));
            }
        }
        return List.copyOf(streams);
    }

    /** Items one model and sample dispatch: each task once per variant that applies to its kind. */
    static long itemsPerModelAndSample(List<TaskDefinition> tasks, List<PromptVariant> variants) {
        return tasks.stream().mapToLong(t -> variants.stream().filter(v -> v.appliesTo(t.kind())).count()).sum();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
