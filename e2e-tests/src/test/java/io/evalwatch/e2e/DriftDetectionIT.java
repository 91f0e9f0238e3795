package io.evalwatch.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.ItemIds;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.ProfileFile;
import io.evalwatch.simulator.profile.SimulatorProfiles;
import io.evalwatch.simulator.truth.AnswerKind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Silent vendor updates caught end to end, against the simulator's known truth: a version switch that lowers the
 * true pass rate from 0.80 to 0.65 is a regression; a switch that only changes fingerprint and reply format is a
 * silent change and format drift, not a regression.
 */
class DriftDetectionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Items of one scheduled check: the 50 tasks of the HumanEval suite, each sampled as the monitor says. */
    private static final int ITEMS = 50 * StackFixture.DRIFT_MONITOR_SAMPLES;
    /**
     * A drop in passes that a check must not leave unflagged: 15 % of the items, far past the 0.05 minimum effect
     * (no simulated stream left one unflagged).
     */
    private static final int LARGE_DROP = ITEMS * 46 / 300;

    /**
     * The stream's detector catches a true drop from 0.80 to 0.65 at the first check after it most of the time
     * (docs/BENCHMARKS.md), but not always: the draw of the answers may make the drop small. A miss is accepted only
     * when every item was scored exactly as the simulator's truth says (so the draw missed, not the pipeline) and the
     * realized drop was small; the next scheduled check, against the same reference, must then catch it. Four
     * misses in a row fail the test.
     *
     * <p>Why 6 samples (300 items a check) and the step right after the reference: with 3 samples, and a check of
     * the unchanged model between reference and step, a correct pipeline failed this test about once in 18 runs (a
     * simulation of the stream detector's rules over the same draws: the unchanged check raised a false alarm in
     * 1.7 % of streams, a step went unnoticed for four checks in 1.5 %, an alarm came without the check's own
     * McNemar finding in 2.2 %). With 6 samples and no unchanged check: about once in 1,100 (9e-4, 100,000 streams:
     * the step is caught at the first check in 96.9 %, by the third in 99.9 %).
     */
    @Test
    void aSilentUpdateThatLowersThePassRateRaisesRegressionDetectedAtTheNextScheduledCheck() throws Exception {
        EvalwatchApi api = StackFixture.api();
        String taskUrl = StackFixture.stack().url("task-service");
        String reportingUrl = StackFixture.stack().url("reporting-service");
        try {
            String baselineRun = fireMonitorAndWait(api, taskUrl);
            int baselinePasses = assertScoredAsTheTruth(api, baselineRun, "2025-01-15");
            JsonNode first = Verdicts.awaitAnalysis(api, baselineRun);
            assertEquals("no_baseline", first.path("models").get(0).path("verdict").asText(),
                    "the monitor's first run becomes its stream's reference");
            assertEquals("first_valid", first.path("models").get(0).path("stream").path("referenceChanged").asText());
            String streamId = first.path("models").get(0).path("stream").path("streamId").asText();

            SimulatorAdmin.forceVersion("sim-alpha", "2025-06-02"); // same name, worse model

            String nextRun = null;
            JsonNode regression = null;
            for (int check = 1; check <= 4; check++) {
                nextRun = fireMonitorAndWait(api, taskUrl);
                int passes = assertScoredAsTheTruth(api, nextRun, "2025-06-02");
                regression = Verdicts.awaitAnalysis(api, nextRun);
                if ("regressed".equals(regression.path("models").get(0).path("verdict").asText())) {
                    break;
                }
                assertTrue(baselinePasses - passes < LARGE_DROP, "a drop of " + (baselinePasses - passes)
                        + " of " + ITEMS + " passes was not called a regression: " + regression.toPrettyString());
                System.out.printf("check %d: the draw dropped %d of %d passes, not significant; the next check"
                        + " follows%n", check, baselinePasses - passes, ITEMS);
            }
            String regressedRun = nextRun;
            JsonNode alpha = regression.path("models").get(0);
            assertEquals("regressed", alpha.path("verdict").asText(), regression.toPrettyString());
            assertEquals(baselineRun, alpha.path("baselineRunId").asText());
            Set<String> signals = signals(alpha);
            assertTrue(signals.contains("RegressionDetected"), signals.toString());
            assertTrue(signals.contains("SilentChangeSuspected"), "the fingerprint changed: " + signals);

            JsonNode open = JSON.readTree(SimulatorAdmin.get(reportingUrl + "/api/alerts?status=open&model=sim-alpha"
                    + "&suite=" + StackFixture.HUMANEVAL_SUITE));
            assertTrue(containsSignal(open, "RegressionDetected"), open.toPrettyString());
            assertTrue(containsSignal(Verdicts.openAlerts(streamId), "RegressionDetected"),
                    "the alert belongs to the monitor's stream");

            // a one-task ad-hoc run of the same model and suite moves no reference and closes no alert
            ObjectNode adHoc = JSON.createObjectNode();
            adHoc.put("suite", StackFixture.HUMANEVAL_SUITE);
            adHoc.putPOJO("models", List.of("sim-alpha"));
            adHoc.put("samples", 3);
            adHoc.putPOJO("tasks", List.of(api.items(baselineRun).get(0).path("taskId").asText()));
            JsonNode adHocRun = api.startRun(adHoc);
            new RunWatcher(api, System.out).await(adHocRun.path("runId").asText(), 3, Duration.ofMinutes(2));
            JsonNode adHocReport = Verdicts.awaitAnalysis(api, adHocRun.path("runId").asText());
            assertTrue(adHocReport.path("models").get(0).path("stream").path("streamId").isNull()
                    || adHocReport.path("models").get(0).path("stream").path("streamId").isMissingNode(),
                    adHocReport.toPrettyString());
            JsonNode stream = JSON.readTree(SimulatorAdmin.get(reportingUrl + "/api/streams/" + streamId));
            assertEquals(baselineRun, stream.path("stream").path("referenceRunId").asText(),
                    "an ad-hoc run does not move the monitor's reference");
            assertTrue(containsSignal(Verdicts.openAlerts(streamId), "RegressionDetected"),
                    "an ad-hoc run does not close the monitor's alert");
            await().atMost(Duration.ofSeconds(30)).until(() -> StackFixture.webhookBodies().stream()
                    .anyMatch(b -> b.contains("\"RegressionDetected\"") && b.contains(regressedRun)));
            assertTrue(SimulatorAdmin.get(reportingUrl + "/q/metrics").contains(
                    "evalwatch_drift_alert{model=\"sim-alpha\",signal=\"RegressionDetected\",suite=\""
                            + StackFixture.HUMANEVAL_SUITE + "\"} 1.0"), "the drift gauge is raised");
            String html = SimulatorAdmin.get(reportingUrl + "/api/runs/" + regressedRun + "/regression.html");
            assertTrue(html.contains("REGRESSION") && html.contains("<svg"), "self-contained HTML report with charts");
            assertTrue(SimulatorAdmin.get(reportingUrl + "/api/runs/" + regressedRun + "/regression.md")
                    .contains("fp_alpha_20250602"), "the report says what changed");
        } finally {
            SimulatorAdmin.scheduledVersion("sim-alpha");
        }
    }

    /** Every item of the run scored exactly as the simulator's truth for that version says; returns the passes. */
    private static int assertScoredAsTheTruth(EvalwatchApi api, String runId, String version) throws Exception {
        SimulatorProfiles profiles = ProfileFile.load(StackFixture.root().resolve("config/simulator.yaml"));
        ModelVersion truth = profiles.model("sim-alpha").version(version).orElseThrow();
        Map<String, String> mismatches = new TreeMap<>();
        int passes = 0;
        JsonNode items = api.items(runId);
        assertEquals(ITEMS, items.size());
        for (JsonNode item : items) {
            String itemId = item.path("itemId").asText();
            AnswerKind answer = truth.decide(item.path("taskId").asText(), ItemIds.seedOf(itemId));
            passes += answer.expectedToPass() ? 1 : 0;
            if (answer.expectedToPass() != item.path("passed").asBoolean()) {
                mismatches.put(itemId, "simulator answered " + answer + ", evalwatch scored "
                        + item.path("failureCategory").asText());
            }
        }
        assertEquals(Map.of(), mismatches, "items scored differently from the simulator's known truth");
        return passes;
    }

    @Test
    void aFingerprintAndFormatOnlyChangeIsASilentChangeAndFormatDriftButNoRegression() throws Exception {
        EvalwatchApi api = StackFixture.api();
        try {
            String before = runAndWait(api, "sim-delta");
            assertEquals("no_baseline", Verdicts.awaitAnalysis(api, before).path("models").get(0).path("verdict").asText());

            SimulatorAdmin.forceVersion("sim-delta", "2025-08-15"); // now prose around fenced code, same logic

            String after = runAndWait(api, "sim-delta");
            JsonNode delta = Verdicts.awaitAnalysis(api, after).path("models").get(0);
            Set<String> signals = signals(delta);
            assertTrue(signals.contains("SilentChangeSuspected"), signals.toString());
            assertTrue(signals.contains("FormatDrift"), signals.toString());
            assertFalse(signals.contains("RegressionDetected"), signals.toString());
            assertEquals("no_regression", delta.path("verdict").asText());
            JsonNode report = api.report(after);
            assertEquals(report.path("models").get(0).path("items").asInt(),
                    report.path("models").get(0).path("passed").asInt(), "extraction recovered every answer");
        } finally {
            SimulatorAdmin.scheduledVersion("sim-delta");
        }
    }

    private static String fireMonitorAndWait(EvalwatchApi api, String taskUrl) throws Exception {
        // a monitor never runs twice at once: task-service must have seen the previous run's RunCompleted
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode monitor = JSON.readTree(SimulatorAdmin.get(taskUrl + "/api/monitors/" + StackFixture.DRIFT_MONITOR));
            return monitor.path("lastRunId").isNull() || monitor.path("lastRunId").isMissingNode()
                    || "completed".equals(monitor.path("lastRunState").asText());
        });
        JsonNode run = JSON.readTree(SimulatorAdmin.post(taskUrl + "/api/monitors/" + StackFixture.DRIFT_MONITOR
                + "/runs", "{}"));
        assertEquals("schedule", run.path("trigger").asText());
        assertEquals(ITEMS, run.path("expectedItems").asInt(), "50 tasks x " + StackFixture.DRIFT_MONITOR_SAMPLES
                + " samples");
        new RunWatcher(api, System.out).await(run.path("runId").asText(), ITEMS, Duration.ofMinutes(12));
        return run.path("runId").asText();
    }

    private static String runAndWait(EvalwatchApi api, String model) {
        ObjectNode request = JSON.createObjectNode();
        request.put("series", "format-" + model); // a named series: its runs form a stream that can alert
        request.put("suite", "starter");
        request.putPOJO("models", List.of(model));
        request.put("samples", 3);
        JsonNode run = api.startRun(request);
        new RunWatcher(api, System.out).await(run.path("runId").asText(), run.path("expectedItems").asInt(),
                Duration.ofMinutes(5));
        return run.path("runId").asText();
    }

    private static Set<String> signals(JsonNode model) {
        Set<String> signals = new HashSet<>();
        model.path("findings").forEach(f -> signals.add(f.path("signal").asText()));
        return signals;
    }

    private static boolean containsSignal(JsonNode alerts, String signal) {
        for (JsonNode a : alerts) {
            if (signal.equals(a.path("signal").asText())) {
                return true;
            }
        }
        return false;
    }
}
