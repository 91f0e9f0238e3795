package io.evalwatch.sandbox.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Verdict;
import io.evalwatch.sandbox.language.Languages;
import io.evalwatch.sandbox.language.PythonLanguage;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox on a real cgroup v2 host (tools/cgroup-v2-vm runs it there; elsewhere it is skipped): the service's
 * processes leave its delegated group for their leaf, a slot's group carries the run's memory.max, pids.max and
 * cpu.max, and a run that keeps two CPUs busy is throttled to its one-CPU quota. {@link CgroupV2Test} covers the
 * same files against a fake hierarchy on any host.
 */
class CgroupV2HostTest {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    @TempDir
    static Path workDir;

    private static SandboxConfig config;
    private static Sandbox sandbox;

    @BeforeAll
    static void startOnCgroupV2() throws Exception {
        assumeTrue(Files.isRegularFile(ROOT.resolve("cgroup.controllers")), "not a cgroup v2 host");
        Path delegated = CgroupV2.delegated(ROOT, Files.readString(Path.of("/proc/self/cgroup")));
        String offered = Files.readString(delegated.resolve("cgroup.controllers"));
        assumeTrue(offered.contains("memory") && offered.contains("pids"), "no memory and pids delegated here");
        // @TempDir makes its folder 0700: the slot uids that run the code must be able to reach the harness below it
        Files.setPosixFilePermissions(workDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        config = new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "evalwatch.sandbox.work-dir", workDir.resolve("sandbox").toString(),
                        "evalwatch.sandbox.workers", "1",
                        "evalwatch.sandbox.uid-base", "64200",
                        "evalwatch.sandbox.fork-server", "false",
                        "evalwatch.sandbox.java-compile-server", "false",
                        "evalwatch.sandbox.cgroup-version", "v2",
                        "evalwatch.sandbox.cgroup-name", "evalwatch-sandbox-v2-unit"), "test", 500))
                .build().getConfigMapping(SandboxConfig.class);
        sandbox = new Sandbox(config, Languages.of(new PythonLanguage(config)));
        sandbox.onStart(null);
        assertTrue(sandbox.readiness().ready(), sandbox.readiness().missing().toString());
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.onStop(null);
        }
    }

    private static Path slotGroup() throws Exception {
        return CgroupV2.delegated(ROOT, Files.readString(Path.of("/proc/self/cgroup")))
                .resolve("evalwatch-sandbox-v2-unit").resolve("pid-" + ProcessHandle.current().pid()).resolve("slot-0");
    }

    private static ExecutionResult run(String code, String testCode) {
        PythonLanguage python = new PythonLanguage(config);
        ExecutionRequest request = new ExecutionRequest("python", code, "f",
                List.of(new TestCase("t", testCode, false)), LimitsOverride.none(), null, false);
        Limits limits = Limits.of(config.limits());
        try {
            return Verdict.decide(request, python,
                    sandbox.run(paths -> python.program(request, paths, limits), limits, Duration.ofMinutes(2)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theServiceLeavesItsGroupAndTheSlotCarriesTheRunsLimits() throws Exception {
        assertTrue(sandbox.readiness().description().contains("+cgroup"), sandbox.readiness().description());
        String own = Files.readString(Path.of("/proc/self/cgroup")).trim();
        boolean atRoot = own.equals("0::/") || own.equals("0::/" + CgroupV2.SERVICE_LEAF);
        assertTrue(atRoot || own.endsWith("/" + CgroupV2.SERVICE_LEAF), own);

        ExecutionResult result = run("def f():\n    return 1\n", "assert f() == 1");
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message());
        Limits limits = Limits.of(config.limits());
        Path slot = slotGroup();
        assertEquals(Long.toString(limits.memoryBytes()), Files.readString(slot.resolve("memory.max")).trim());
        assertEquals(Integer.toString(limits.processes()), Files.readString(slot.resolve("pids.max")).trim());
        assertEquals("100000 100000", Files.readString(slot.resolve("cpu.max")).trim());
        assertEquals("", Files.readString(slot.resolve("cgroup.procs")).trim(), "nothing of the run is left");
    }

    @Test
    void twoBusyProcessesAreThrottledToTheRunsCpuQuota() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one CPU: a one-CPU quota never throttles");
        Path stat = slotGroup().resolve("cpu.stat");
        long throttledBefore = Files.exists(stat) ? CgroupFiles.keyed(stat, "nr_throttled") : 0;
        ExecutionResult result = run("""
                import os, time
                def f():
                    end = time.monotonic() + 2
                    child = os.fork()
                    while time.monotonic() < end:
                        pass
                    if child == 0:
                        os._exit(0)
                    os.waitpid(child, 0)
                    return 1
                """, "assert f() == 1");
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message());
        assertTrue(CgroupFiles.keyed(stat, "nr_throttled") > throttledBefore,
                "two processes busy for 2 s under a one-CPU quota were never throttled: " + Files.readString(stat));
    }
}
