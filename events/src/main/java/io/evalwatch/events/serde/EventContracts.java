package io.evalwatch.events.serde;

import io.evalwatch.events.DriftAlert;
import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.JudgeCompleted;
import io.evalwatch.events.RunCompleted;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.TaskDispatched;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reader requires of each event before a stage acts on it: a schema version it knows (1 up to the newest it
 * was built with; a newer one may mean fields it would misread) and the fields a consumer routes and stores it by.
 * A record that fails is refused by its deserializer, so it lands in {@code <topic>.dlq} with the reason instead of
 * reaching a stage half-filled. Required are the fields every consumer keys its work by (the item's and the run's
 * ids, an execution's generation); fields added later stay optional, since contracts change by adding and a
 * producer that adds fields keeps the version. A new version means a change an older reader would misread.
 */
public final class EventContracts {

    private EventContracts() {
    }

    /** What is wrong with the event, in words; empty when it may be processed. */
    public static List<String> problems(Object event) {
        List<String> problems = new ArrayList<>();
        if (event instanceof TaskDispatched e) {
            version(problems, e.schemaVersion(), TaskDispatched.SCHEMA_VERSION);
            required(problems, "itemId", e.itemId(), "runId", e.runId());
        } else if (event instanceof GenerationCompleted e) {
            version(problems, e.schemaVersion(), GenerationCompleted.SCHEMA_VERSION);
            required(problems, "itemId", e.itemId(), "runId", e.runId());
        } else if (event instanceof ExecutionCompleted e) {
            version(problems, e.schemaVersion(), ExecutionCompleted.SCHEMA_VERSION);
            required(problems, "itemId", e.itemId(), "runId", e.runId(), "generation", e.generation());
        } else if (event instanceof ItemScored e) {
            version(problems, e.schemaVersion(), ItemScored.SCHEMA_VERSION);
            required(problems, "itemId", e.itemId(), "runId", e.runId());
        } else if (event instanceof JudgeCompleted e) {
            version(problems, e.schemaVersion(), JudgeCompleted.SCHEMA_VERSION);
            required(problems, "itemId", e.itemId(), "runId", e.runId());
        } else if (event instanceof RunStarted e) {
            version(problems, e.schemaVersion(), RunStarted.SCHEMA_VERSION);
            required(problems, "runId", e.runId());
        } else if (event instanceof RunCompleted e) {
            version(problems, e.schemaVersion(), RunCompleted.SCHEMA_VERSION);
            required(problems, "runId", e.runId());
        } else if (event instanceof DriftAlert e) {
            version(problems, e.schemaVersion(), DriftAlert.SCHEMA_VERSION);
            required(problems, "alertId", e.alertId(), "runId", e.runId());
        }
        return problems;
    }

    private static void version(List<String> problems, int version, int newest) {
        if (version < 1 || version > newest) {
            problems.add("schema version " + version + " is unknown to this reader (it knows 1 to " + newest
                    + "; a newer version needs a newer evalwatch)");
        }
    }

    /** Pairs of a field's name and its value: each null or blank one is a problem. */
    private static void required(List<String> problems, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value == null || value instanceof String s && s.isBlank()) {
                problems.add("required field " + namesAndValues[i] + " is missing");
            }
        }
    }
}
