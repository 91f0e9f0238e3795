package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Follows a run until reporting calls it complete (or incomplete: stalled past its deadline), showing progress: a live bar on a terminal, a line every few
 * seconds otherwise (CI logs).
 */
public final class RunWatcher {

    private final EvalwatchApi api;
    private final PrintStream out;

    public RunWatcher(EvalwatchApi api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    /** Returns the final report, or throws when the run does not complete within the timeout. */
    public JsonNode await(String runId, int expectedItems, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interactive = System.console() != null;
        ProgressBar bar = interactive ? new ProgressBarBuilder().setTaskName("items").setInitialMax(expectedItems)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build() : null;
        long lastLine = 0;
        try {
            while (System.nanoTime() < deadline) {
                JsonNode report = api.reportOrNull(runId);
                int done = report == null ? 0 : report.path("scoredItems").asInt() + report.path("erroredItems").asInt();
                if (bar != null) {
                    bar.stepTo(done);
                } else if (System.nanoTime() - lastLine > Duration.ofSeconds(5).toNanos()) {
                    out.printf("  %d/%d items scored%n", done, expectedItems);
                    lastLine = System.nanoTime();
                }
                if (report != null && "incomplete".equals(report.path("status").asText())) {
                    throw new ExitCodes.Failure(ExitCodes.INCOMPLETE, "run " + runId + " ended incomplete: it stalled"
                            + " with " + (expectedItems - done) + " of " + expectedItems + " items never seen (their"
                            + " ids: GET /api/runs/" + runId + "/missing on reporting-service); it is not judged");
                }
                if (report != null && "completed".equals(report.path("status").asText())) {
                    if (bar == null) {
                        out.printf("  %d/%d items scored%n", done, expectedItems);
                    }
                    return report;
                }
                sleep(500);
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        throw new ExitCodes.Failure(ExitCodes.INCOMPLETE, "run " + runId + " did not complete within " + timeout.toSeconds()
                + " s; follow it with: ./evalwatch report " + runId);
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
