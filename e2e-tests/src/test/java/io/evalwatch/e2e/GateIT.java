package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchCommand;
import io.evalwatch.cli.RunWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI gate as a pipeline would call it: exit 0 without a regression, 1 with one (JUnit XML failing the
 * regressed categories), 2 when the comparison cannot be made. sim-delta always answers correctly in its first
 * version and rarely in "2025-11-01", so both verdicts are certain.
 */
class GateIT {

    @Test
    void exitsZeroOneAndTwoAndWritesJUnit(@TempDir Path tmp) throws Exception {
        var api = StackFixture.api();
        ObjectNode baseline = new ObjectMapper().createObjectNode();
        baseline.put("suite", "starter");
        baseline.putPOJO("models", List.of("sim-delta"));
        baseline.put("samples", 2);
        baseline.put("series", "gate-delta"); // a named CI series: its first run is the reference the gate compares with
        String baselineRun = api.startRun(baseline).path("runId").asText();
        new RunWatcher(api, System.out).await(baselineRun, 20, Duration.ofMinutes(5));
        try {
            Path passXml = tmp.resolve("pass.xml");
            assertEquals(0, gate("last", passXml), "same model: no regression");
            assertTrue(Files.readString(passXml).contains("failures=\"0\""));

            SimulatorAdmin.forceVersion("sim-delta", "2025-11-01");
            Path failXml = tmp.resolve("fail.xml");
            assertEquals(1, gate("last", failXml), "a much worse model: regression");
            String junit = Files.readString(failXml);
            assertTrue(junit.contains("<failure"), junit);
            assertTrue(junit.contains("name=\"all passRate\""), junit);

            assertEquals(io.evalwatch.cli.ExitCodes.INCOMPLETE, gate("no-such-run", tmp.resolve("error.xml")), "an unknown baseline cannot be compared");

            progressCountedEveryStage(api, baselineRun);
            theWorseRunComparesWorse(api, baselineRun);
        } finally {
            SimulatorAdmin.scheduledVersion("sim-delta");
        }
    }

    /** Every item of the finished baseline run passed every stage once (starter: all executable Python tasks). */
    private static void progressCountedEveryStage(io.evalwatch.cli.EvalwatchApi api, String run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode progress = api.progressOrNull(run);
        // the stage consumers read beside the pipeline and may trail the scores that completed the run
        while ((progress == null || progress.path("executed").asInt() < 20) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            progress = api.progressOrNull(run);
        }
        assertEquals("completed", progress.path("status").asText(), progress.toString());
        assertEquals(20, progress.path("dispatched").asInt(), progress.toString());
        assertEquals(20, progress.path("generated").asInt(), progress.toString());
        assertEquals(20, progress.path("toExecute").asInt(), progress.toString());
        assertEquals(20, progress.path("executed").asInt(), progress.toString());
        assertEquals(20, progress.path("scored").asInt() + progress.path("errored").asInt(), progress.toString());
    }

    /** compare, as a script calls it: the failing gate's run against the baseline, in JSON and in Markdown. */
    private static void theWorseRunComparesWorse(io.evalwatch.cli.EvalwatchApi api, String baselineRun)
            throws Exception {
        String worseRun = null;
        for (JsonNode r : api.runs()) { // newest first: the last gate's run is the newest of sim-delta
            String id = r.path("runId").asText();
            if (!id.equals(baselineRun) && "starter".equals(r.path("suite").asText())
                    && api.report(id).path("models").findValuesAsText("model").contains("sim-delta")) {
                worseRun = id;
                break;
            }
        }
        assertTrue(worseRun != null, "the gate's run is listed");
        var stack = StackFixture.stack();
        String[] urls = {"--task-url", stack.url("task-service"), "--reporting-url", stack.url("reporting-service")};
        String json = stdoutOf("compare", baselineRun, worseRun, "--format", "json", urls[0], urls[1], urls[2],
                urls[3]);
        JsonNode comparison = new ObjectMapper().readTree(json);
        JsonNode all = comparison.path("models").get(0).path("all");
        assertEquals("sim-delta", comparison.path("models").get(0).path("model").asText(), json);
        assertEquals(20, all.path("pairs").asInt(), json);
        assertTrue(all.path("difference").asDouble() < 0 && all.path("worse").asInt() > all.path("better").asInt(),
                json);
        assertEquals("worse", all.path("verdict").asText(), "a much worse version: McNemar significant; " + json);
        assertEquals(all.path("worse").asInt() + all.path("better").asInt(), comparison.path("flips").size(), json);
        String markdown = stdoutOf("compare", baselineRun, worseRun, "--format", "markdown", urls[0], urls[1],
                urls[2], urls[3]);
        assertTrue(markdown.startsWith("# Run " + worseRun + " against run " + baselineRun), markdown);
        assertTrue(markdown.contains("| sim-delta | 20 |"), markdown);
    }

    private static String stdoutOf(String... args) {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(0, EvalwatchCommand.commandLine().execute(args), String.join(" ", args));
        } finally {
            System.setOut(out);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int gate(String baselineRun, Path junit) {
        var stack = StackFixture.stack();
        return EvalwatchCommand.commandLine().execute("gate", "--suite", "starter", "--model", "sim-delta",
                "--samples", "2", "--series", "gate-delta", "--baseline", baselineRun, "--junit", junit.toString(),
                "--task-url", stack.url("task-service"), "--reporting-url", stack.url("reporting-service"));
    }
}
