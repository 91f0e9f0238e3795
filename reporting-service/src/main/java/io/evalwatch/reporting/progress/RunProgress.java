package io.evalwatch.reporting.progress;

import java.time.Instant;

/**
 * A run's items per pipeline stage. dispatched is the number task-service announced (it sends every item before it
 * answers the run's request; null until reporting has the announcement); generated counts the model's answers and
 * final failures (generationErrors of them: no answer after the retries), toExecute those of them the sandbox runs
 * (review and search answers, and failures, go straight to scoring), executed what the sandbox finished, scored and
 * errored the items stored (errored: lost to a pipeline error, from the dead-letter topics). asOf is when the counts
 * were taken, so a client derives rates from two answers.
 */
public record RunProgress(String runId, String status, Integer dispatched, long generated, long generationErrors,
        long toExecute, long executed, long scored, long errored, Instant startedAt, Instant completedAt,
        Instant asOf) {
}
