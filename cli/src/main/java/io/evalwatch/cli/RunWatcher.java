package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.progress.ProgressDisplay;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Follows a run until reporting calls it complete (or incomplete: stalled past its deadline), showing its progress
 * per stage ({@link ProgressDisplay}), then fetches its report.
 */
public final class RunWatcher {

    private static final long POLL_MILLIS = 500;

    private final EvalwatchApi api;
    private final PrintStream out;

    public RunWatcher(EvalwatchApi api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    /** Returns the final report, or throws when the run does not complete within the timeout. */
    public JsonNode await(String runId, int expectedItems, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        ProgressDisplay display = ProgressDisplay.on(out);
        while (System.nanoTime() < deadline) {
            JsonNode progress = api.progressOrNull(runId);
            double now = (System.nanoTime() - started) / 1e9;
            if (progress == null) {
                // reporting has not seen the run yet: nothing has moved
                progress = EvalwatchCommand.JSON.createObjectNode().put("status", "running");
            }
            if (!progress.path("dispatched").isNumber() && progress instanceof ObjectNode known) {
                known.put("dispatched", expectedItems); // the items are ahead of the run's announcement
            }
            String status = progress.path("status").asText();
            if ("incomplete".equals(status)) {
                display.finish(progress, now);
                long seen = progress.path("scored").asLong() + progress.path("errored").asLong();
                throw new ExitCodes.Failure(ExitCodes.INCOMPLETE, "run " + runId + " ended incomplete: it stalled"
                        + " with " + (expectedItems - seen) + " of " + expectedItems + " items never seen (their"
                        + " ids: GET /api/runs/" + runId + "/missing on reporting-service); it is not judged");
            }
            if ("completed".equals(status)) {
                display.finish(progress, now);
                return api.report(runId);
            }
            display.update(progress, now);
            sleep(POLL_MILLIS);
        }
        throw new ExitCodes.Failure(ExitCodes.INCOMPLETE, "run " + runId + " did not complete within "
                + timeout.toSeconds() + " s; follow it with: ./evalwatch report " + runId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvalwatchApi.ApiException(0, "interrupted");
        }
    }
}
