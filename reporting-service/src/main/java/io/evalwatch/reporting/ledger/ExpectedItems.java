package io.evalwatch.reporting.ledger;

import io.evalwatch.events.ItemIds;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.probe.LongContext;
import io.evalwatch.reporting.stream.RunStream;
import io.evalwatch.reporting.stream.StreamRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The item ids a run announced: every dispatched task × model × variant × sample, as task-service made them. The
 * models and variants come from the run's streams (one per model × variant); a run announced without streams ran
 * the base variant of each of its models. A prompt variant is dispatched only for the task kinds it applies to; a
 * task's kind is known from any of its items that arrived, so a task none of whose items arrived is listed under
 * every variant. A variant dispatched by the task's content too (twin: only tasks that have a twin) is expected for
 * a task when one of its items of that variant arrived, or when none of the task's items did. Each stream expects
 * its own samples (the {@code repeat} probe's stream: its repeats). The long-context probe's streams (one per
 * model × cell) expect its needles, not the suite's tasks: the needles of which any item arrived. Pure.
 */
public record ExpectedItems(String runId, Collection<String> taskIds, List<String[]> modelVariants, int samples,
        Map<String, TaskKind> kinds) {

    /** @param kinds the kind of each task of which an item arrived */
    static ExpectedItems of(RunRecord run, List<RunStream> streams, Map<String, TaskKind> kinds) {
        List<String[]> modelVariants = new ArrayList<>();
        if (streams.isEmpty()) {
            (run.models == null ? List.<String>of() : run.models)
                    .forEach(m -> modelVariants.add(new String[] {m, StreamRegistry.BASE_VARIANT}));
        } else {
            // a stream's own samples: the consistency probe's repeat stream has its repeats
            streams.forEach(s -> modelVariants.add(new String[] {s.model, s.variant,
                    Integer.toString(s.samples > 0 ? s.samples : run.samples)}));
        }
        return new ExpectedItems(run.runId, run.taskHashes == null ? List.of() : new TreeSet<>(run.taskHashes.keySet()),
                modelVariants, run.samples, kinds);
    }

    /** The expected ids not among those seen, in a stable order (task, model, variant, sample). */
    public List<String> missingFrom(Set<String> seen) {
        List<String> missing = new ArrayList<>();
        Set<String> tasksSeen = new java.util.HashSet<>();
        Set<String> taskVariantsSeen = new java.util.HashSet<>();
        for (String id : seen) {
            String[] parts = id.split("/");
            if (parts.length >= 5) {
                tasksSeen.add(parts[1]);
                taskVariantsSeen.add(parts[1] + '/' + parts[parts.length - 1]);
            }
        }
        for (String task : taskIds) {
            for (String[] mv : modelVariants) {
                if (LongContext.isProbeVariant(mv[1])) {
                    continue; // the probe dispatches needles, not the suite's tasks
                }
                TaskKind kind = kinds.get(task);
                PromptVariant variant = PromptVariant.of(mv[1]).orElse(PromptVariant.BASE);
                if (kind != null && !variant.appliesTo(kind)) {
                    continue; // never dispatched in this variant
                }
                if (variant.dependsOnTask() && tasksSeen.contains(task)
                        && !taskVariantsSeen.contains(task + '/' + mv[1])) {
                    continue; // a task without a twin: its other items arrived, none of this variant's
                }
                int streamSamples = mv.length > 2 ? Integer.parseInt(mv[2]) : samples;
                for (int sample = 0; sample < streamSamples; sample++) {
                    String id = ItemIds.of(runId, task, mv[0], sample, mv[1]);
                    if (!seen.contains(id)) {
                        missing.add(id);
                    }
                }
            }
        }
        // the probe's needles: those of which any item arrived (the run announces the suite's tasks only)
        List<String> needles = kinds.keySet().stream().filter(t -> LongContext.byTaskId(t).isPresent()).sorted()
                .toList();
        for (String needle : needles) {
            for (String[] mv : modelVariants) {
                if (!LongContext.isProbeVariant(mv[1])) {
                    continue;
                }
                for (int sample = 0; sample < samples; sample++) {
                    String id = ItemIds.of(runId, needle, mv[0], sample, mv[1]);
                    if (!seen.contains(id)) {
                        missing.add(id);
                    }
                }
            }
        }
        return missing;
    }
}
