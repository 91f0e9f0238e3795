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
import io.evalwatch.events.TaskSpec;
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
     *     it applies to, and a few-shot item carries its examples (other tasks of the suite, see FewShotExamples);
     *     a twin item carries the task's twin (TaskTwins), and only tasks that have one are dispatched in twin
     */
    static RunPlan of(String runId, Suite suite, List<TaskDefinition> tasks, List<String> models, int samples,
            Provenance provenance, Map<String, String> generationConfigHashes,
            Map<String, EnvironmentRef> environments, Instant now, String judgeModel, List<PromptVariant> variants) {
        return of(runId, suite, tasks, models, samples, provenance, generationConfigHashes, environments, now,
                judgeModel, variants, DEFAULT_REPEATS, null);
    }

    /** Repeats of the consistency probe when a caller names none (evalwatch.probes.consistency.repeats). */
    static final int DEFAULT_REPEATS = 5;

    /** A plan with the consistency probe's repeats and without the long-context probe's settings. */
    static RunPlan of(String runId, Suite suite, List<TaskDefinition> tasks, List<String> models, int samples,
            Provenance provenance, Map<String, String> generationConfigHashes,
            Map<String, EnvironmentRef> environments, Instant now, String judgeModel, List<PromptVariant> variants,
            int repeats) {
        return of(runId, suite, tasks, models, samples, provenance, generationConfigHashes, environments, now,
                judgeModel, variants, repeats, null);
    }

    /** A plan with the long-context probe's settings and the default repeats. */
    static RunPlan of(String runId, Suite suite, List<TaskDefinition> tasks, List<String> models, int samples,
            Provenance provenance, Map<String, String> generationConfigHashes,
            Map<String, EnvironmentRef> environments, Instant now, String judgeModel, List<PromptVariant> variants,
            LongContextItems.Options longContext) {
        return of(runId, suite, tasks, models, samples, provenance, generationConfigHashes, environments, now,
                judgeModel, variants, DEFAULT_REPEATS, longContext);
    }

    /**
     * @param repeats how many times the {@code repeat} variant sends each task's base prompt: its samples are 0 to
     *     repeats - 1, whatever the run's samples
     * @param longContext the long-context probe's settings, used when variants hold it: its items (see
     *     LongContextItems) follow the suite's, with one stream per model × cell
     */
    static RunPlan of(String runId, Suite suite, List<TaskDefinition> tasks, List<String> models, int samples,
            Provenance provenance, Map<String, String> generationConfigHashes,
            Map<String, EnvironmentRef> environments, Instant now, String judgeModel, List<PromptVariant> variants,
            int repeats, LongContextItems.Options longContext) {
        Map<String, String> taskHashes = new LinkedHashMap<>();
        tasks.forEach(t -> taskHashes.put(t.id(), t.contentHash()));
        List<TaskDispatched> items = new ArrayList<>();
        for (TaskDefinition task : tasks) {
            String promptHash = sha256(task.prompt());
            JudgeSpec judge = judgeModel == null ? null
                    : new JudgeSpec(judgeModel, JudgeRubrics.idOf(task.kind()), JudgeRubrics.VERSION);
            for (String model : models) {
                for (PromptVariant variant : variants) {
                    if (!dispatches(variant, task)) {
                        continue;
                    }
                    List<FewShotExample> examples = variant == PromptVariant.FEW_SHOT
                            ? FewShotExamples.of(suite.tasks(), task, PromptVariant.DEFAULT_EXAMPLES) : List.of();
                    // the twin variant asks the task's twin in its place, under the task's own id
                    TaskSpec spec = variant == PromptVariant.TWIN
                            ? TaskTwins.of(task, environments.get(task.id())).orElseThrow()
                            : task.toSpec(environments.get(task.id()));
                    String itemPromptHash = variant == PromptVariant.TWIN ? sha256(spec.prompt()) : promptHash;
                    for (int sample = 0; sample < samplesOf(variant, samples, repeats); sample++) {
                        items.add(new TaskDispatched(TaskDispatched.SCHEMA_VERSION,
                                ItemIds.of(runId, task.id(), model, sample, variant.id()), runId, suite.name(),
                                suite.version(), model, sample, variant.id(), spec, itemPromptHash, now, judge,
                                examples));
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
                variants.stream().filter(v -> v != PromptVariant.LONG_CONTEXT).toList(), repeats));
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
        return streams(suite, models, samples, provenance, generationConfigHashes, taskSetHash, environmentHash,
                variants, DEFAULT_REPEATS);
    }

    /** One stream per model × variant; the {@code repeat} variant's stream counts its repeats as samples. */
    static List<StreamKey> streams(String suite, List<String> models, int samples, Provenance provenance,
            Map<String, String> generationConfigHashes, String taskSetHash, String environmentHash,
            List<PromptVariant> variants, int repeats) {
        List<StreamKey> streams = new ArrayList<>();
        for (String model : models) {
            for (PromptVariant variant : variants) {
                streams.add(new StreamKey(provenance.origin(), model, suite, taskSetHash,
                        samplesOf(variant, samples, repeats),
                        generationConfigHashes.get(model), variant.id(), environmentHash));
            }
        }
        return List.copyOf(streams);
    }

    /**
     * Items one model dispatches: each task once per sample and variant that dispatches it (repeats times in the
     * {@code repeat} variant; the twin variant only for a task that has a twin).
     */
    static long itemsPerModel(List<TaskDefinition> tasks, List<PromptVariant> variants, int samples, int repeats) {
        return tasks.stream().mapToLong(t -> variants.stream().filter(v -> dispatches(v, t))
                .mapToLong(v -> samplesOf(v, samples, repeats)).sum()).sum();
    }

    /** Whether a task is dispatched in a variant: the variant applies to its kind, and a twin exists for twin. */
    static boolean dispatches(PromptVariant variant, TaskDefinition task) {
        return variant.appliesTo(task.kind()) && (variant != PromptVariant.TWIN || TaskTwins.has(task));
    }

    /** The samples of a variant's items: the run's, or the consistency probe's repeats. */
    static int samplesOf(PromptVariant variant, int samples, int repeats) {
        return variant == PromptVariant.REPEAT ? repeats : samples;
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
