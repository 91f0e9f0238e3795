package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        } finally {
            SimulatorAdmin.scheduledVersion("sim-delta");
        }
    }

    private static int gate(String baselineRun, Path junit) {
        var stack = StackFixture.stack();
        return EvalwatchCommand.commandLine().execute("gate", "--suite", "starter", "--model", "sim-delta",
                "--samples", "2", "--series", "gate-delta", "--baseline", baselineRun, "--junit", junit.toString(),
                "--task-url", stack.url("task-service"), "--reporting-url", stack.url("reporting-service"));
    }
}
