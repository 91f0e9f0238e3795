package io.evalwatch.sandbox.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.execution.Verdict;
import io.evalwatch.sandbox.language.Languages;
import io.evalwatch.sandbox.language.PythonLanguage;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host side outside Quarkus: a sandbox that cannot be set up refuses to run and names what is missing, and
 * running unisolated happens only when asked for and is marked on every result.
 */
class SandboxHostTest {

    @TempDir
    Path workDir;

    private SandboxConfig config(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "evalwatch.sandbox.work-dir", workDir.resolve("sandbox").toString(),
                "evalwatch.sandbox.workers", "1",
                "evalwatch.sandbox.uid-base", "64100",
                "evalwatch.sandbox.cgroup-name", "evalwatch-sandbox-unit"));
        properties.putAll(overrides);
        return new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build().getConfigMapping(SandboxConfig.class);
    }

    private static Sandbox started(SandboxConfig config) {
        Sandbox sandbox = new Sandbox(config, Languages.of(new PythonLanguage(config)));
        sandbox.onStart(null);
        return sandbox;
    }

    @Test
    void refusesWithoutBubblewrapAndSaysSo() {
        Sandbox sandbox = started(config(Map.of("evalwatch.sandbox.bwrap", "/nonexistent/bwrap")));
        try {
            assertFalse(sandbox.readiness().ready());
            assertTrue(sandbox.readiness().missing().get(0).startsWith("bubblewrap not found at /nonexistent/bwrap"),
                    sandbox.readiness().missing().toString());
            SandboxUnavailableException refused = assertThrows(SandboxUnavailableException.class,
                    () -> sandbox.run(paths -> null, Limits.of(config(Map.of()).limits()), Duration.ofSeconds(1)));
            assertTrue(refused.getMessage().contains("bubblewrap not found"));
        } finally {
            sandbox.onStop(null);
        }
    }

    @Test
    void refusesWithoutSetprivWhenRunningAsRoot() {
        Sandbox sandbox = started(config(Map.of("evalwatch.sandbox.setpriv", "/nonexistent/setpriv")));
        try {
            assertFalse(sandbox.readiness().ready());
            assertTrue(sandbox.readiness().missing().get(0).startsWith("setpriv not found at /nonexistent/setpriv"),
                    sandbox.readiness().missing().toString());
        } finally {
            sandbox.onStop(null);
        }
    }

    @Test
    void refusesWhenTheSandboxDoesNotComeUp() {
        Sandbox sandbox = started(config(Map.of("evalwatch.sandbox.bwrap", "/bin/false")));
        try {
            assertFalse(sandbox.readiness().ready());
            assertTrue(sandbox.readiness().missing().get(0).startsWith("bubblewrap cannot create the sandbox here"),
                    sandbox.readiness().missing().toString());
        } finally {
            sandbox.onStop(null);
        }
    }

    @Test
    void unisolatedOnlyWhenAskedForAndMarkedOnTheResult() throws Exception {
        SandboxConfig config = config(Map.of("evalwatch.sandbox.isolation", "none"));
        Sandbox sandbox = started(config);
        try {
            assertTrue(sandbox.readiness().ready());
            assertEquals("none", sandbox.readiness().description());
            PythonLanguage python = new PythonLanguage(config);
            ExecutionRequest request = new ExecutionRequest("python", "def f(x):\n    return x\n", "f",
                    List.of(new TestCase("t", "assert f(1) == 1", false)), LimitsOverride.none(), null, false);
            Limits limits = Limits.of(config.limits());
            ExecutionResult result = Verdict.decide(request, python,
                    sandbox.run(paths -> python.program(request, paths, limits), limits, Duration.ofSeconds(10)));
            assertEquals(Outcomes.COMPLETED, result.outcome(), result.message());
            assertEquals("none", result.isolation());
            assertTrue(result.signals().contains(Signals.UNISOLATED));
        } finally {
            sandbox.onStop(null);
        }
        assertFalse(Files.exists(workDir.resolve("sandbox").resolve("pid-" + ProcessHandle.current().pid())),
                "the instance's directory is removed at shutdown");
    }
}
