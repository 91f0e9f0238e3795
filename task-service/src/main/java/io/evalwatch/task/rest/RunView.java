package io.evalwatch.task.rest;

import io.evalwatch.task.run.Run;
import java.time.Instant;
import java.util.List;

/** A run as the API shows it. */
public record RunView(String runId, String suite, String suiteVersion, List<String> models, List<String> tasks,
        int samples, int expectedItems, String trigger, String monitor, Instant createdAt, Instant completedAt) {

    static RunView of(Run run) {
        return new RunView(run.runId, run.suite, run.suiteVersion, run.models, run.taskIds, run.samples,
                run.expectedItems, run.trigger, run.monitor, run.createdAt, run.completedAt);
    }
}
