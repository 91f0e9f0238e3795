package io.evalwatch.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run was accepted: reporting learns how many items to expect before it can call the run complete. trigger is
 * manual, schedule or gate and is set by task-service only; monitor names the scheduled monitor that started it,
 * series the named CI series a client asked for (both null otherwise). streams holds one key per model × variant
 * (ad-hoc runs too, with a null origin); taskHashes maps each dispatched task id to its content hash, so runs of
 * different suite versions pair on the tasks whose content did not change.
 */
public record RunStarted(
        int schemaVersion,
        String runId,
        String suite,
        String suiteVersion,
        List<String> models,
        int samples,
        int expectedItems,
        String trigger,
        String monitor,
        Instant occurredAt,
        String series,
        List<StreamKey> streams,
        Map<String, String> taskHashes) {

    public static final int SCHEMA_VERSION = 1;

    public RunStarted {
        streams = streams == null ? List.of() : List.copyOf(streams);
        taskHashes = taskHashes == null ? Map.of() : Map.copyOf(taskHashes);
    }

    /** The stream key of a model's items in a given variant, if the run announced one. */
    public java.util.Optional<StreamKey> stream(String model, String variant) {
        return streams.stream().filter(k -> k.model().equals(model) && k.variant().equals(variant)).findFirst();
    }
}
