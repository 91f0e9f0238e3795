package io.evalwatch.task.rest;

import io.evalwatch.events.StreamKey;
import io.evalwatch.task.run.Run;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A run as the API shows it; variants are the prompt variants it ran (those of its stream keys). */
public record RunView(String runId, String suite, String suiteVersion, List<String> models, List<String> tasks,
        int samples, int expectedItems, String trigger, String monitor, String series, Instant createdAt,
        Instant completedAt, boolean incomplete, List<StreamView> streams, Map<String, String> taskHashes,
        List<String> variants) {

    static RunView of(Run run) {
        List<StreamView> streams = run.streams == null ? List.of() : run.streams.stream().map(StreamView::of).toList();
        return new RunView(run.runId, run.suite, run.suiteVersion, run.models, run.taskIds, run.samples,
                run.expectedItems, run.trigger, run.monitor, run.series, run.createdAt, run.completedAt,
                run.incomplete, streams, run.taskHashes == null ? Map.of() : run.taskHashes,
                streams.stream().map(StreamView::variant).distinct().toList());
    }

    /** A stream key with its derived id (null for an ad-hoc run) and segment. */
    public record StreamView(String streamId, String segment, String origin, String model, String variant,
            String suite, int samples, String taskSetHash, String generationConfigHash, String environmentHash) {

        static StreamView of(StreamKey k) {
            return new StreamView(k.id(), k.segment(), k.origin(), k.model(), k.variant(), k.suite(), k.samples(),
                    k.taskSetHash(), k.generationConfigHash(), k.environmentHash());
        }
    }
}
