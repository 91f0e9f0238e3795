package io.evalwatch.sandbox.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.config.EnvironmentToolsConfig;
import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.environment.EnvironmentLayout;
import io.evalwatch.sandbox.environment.MavenEnvironmentBuilder;
import io.evalwatch.sandbox.environment.NpmEnvironmentBuilder;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.execution.Verdict;
import io.evalwatch.sandbox.language.JavaLanguage;
import io.evalwatch.sandbox.language.JavaScriptLanguage;
import io.evalwatch.sandbox.language.Language;
import io.evalwatch.sandbox.language.Languages;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance of npm and Maven environments: a JavaScript task that requires an npm package and a Java task that
 * imports a Maven artifact's class pass in the real sandbox with the built environment bound read-only at
 * {@link EnvironmentLayout#MOUNT}, and fail as missing_dependency without it.
 *
 * <p>The environment is built by the part builders into one folder (what the environment store does for the
 * service) and bound by adding a read-only bind to the run's program; in the service, the sandbox binds the store's
 * folder.
 */
class EnvironmentRunTest {

    @TempDir
    static Path dir;

    private static Path environment;
    private static SandboxConfig config;
    private static Sandbox sandbox;
    private static JavaScriptLanguage javascript;
    private static JavaLanguage java;

    @BeforeAll
    static void buildEnvironmentAndStartSandbox() throws Exception {
        // the runs' uid must reach the environment: the temporary folder is private to its owner by default
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        environment = Files.createDirectories(dir.resolve("environment"));
        EnvironmentSpec spec = new EnvironmentSpec(null, new EnvironmentSpec.Node(Map.of("left-pad", "1.3.0"), null),
                new EnvironmentSpec.Java(List.of("org.apache.commons:commons-lang3:3.14.0"), null));
        EnvironmentToolsConfig tools = new SmallRyeConfigBuilder().withMapping(EnvironmentToolsConfig.class).build()
                .getConfigMapping(EnvironmentToolsConfig.class);
        new NpmEnvironmentBuilder(tools)
                .build(spec, Files.createDirectories(environment.resolve(NpmEnvironmentBuilder.PART)), line -> { });
        new MavenEnvironmentBuilder(tools)
                .build(spec, Files.createDirectories(environment.resolve(MavenEnvironmentBuilder.PART)), line -> { });

        config = new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "evalwatch.sandbox.work-dir", dir.resolve("sandbox").toString(),
                        "evalwatch.sandbox.workers", "1",
                        "evalwatch.sandbox.fork-server", "false",
                        "evalwatch.sandbox.uid-base", "64300",
                        "evalwatch.sandbox.cgroup-name", "evalwatch-sandbox-environment-unit"), "test", 500))
                .build().getConfigMapping(SandboxConfig.class);
        javascript = new JavaScriptLanguage(config);
        java = new JavaLanguage(config);
        sandbox = new Sandbox(config, Languages.of(javascript, java));
        sandbox.onStart(null);
        assertTrue(sandbox.readiness().ready(), sandbox.readiness().missing().toString());
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.onStop(null);
        }
    }

    /** Runs the request in the sandbox, with the environment bound at /sandbox/env or without one. */
    private static ExecutionResult run(Language language, String code, String entry, boolean withEnvironment,
            TestCase... tests) throws Exception {
        ExecutionRequest request = new ExecutionRequest(language.name(), code, entry, List.of(tests),
                LimitsOverride.none(), null, false);
        // what the service gives Java (application.properties), and time for a loaded test machine
        Limits limits = Limits.of(config.limits()).with(new LimitsOverride(60.0, 60, 1024, 128, null, null, null, null));
        return Verdict.decide(request, language, sandbox.run(paths -> {
            if (!withEnvironment) {
                return language.program(request, paths, limits);
            }
            // bound as the service binds it: the program's environment, which the Java compile server binds too
            Program program = language.program(request, paths.withEnvironment(EnvironmentLayout.MOUNT), limits);
            return new Program(program.language(), program.inputFiles(), program.command(), program.binds(),
                    program.limitAddressSpace(), program.forkSpec(), new EnvironmentMount("test", environment,
                            List.of()), program.precompile());
        }, limits, Duration.ofMinutes(2)));
    }

    private static TestCase test(String code) {
        return new TestCase("t", code, false);
    }

    private static final String LEFT_PAD = """
            const leftPad = require('left-pad');
            function pad(s) { return leftPad(s, 5, '0'); }
            """;

    private static final String STRING_UTILS = """
            import org.apache.commons.lang3.StringUtils;
            class Solution {
                static String title(String s) { return StringUtils.capitalize(s); }
            }
            """;

    @Test
    void javascriptRequiresAnNpmPackageFromTheEnvironment() throws Exception {
        ExecutionResult result = run(javascript, LEFT_PAD, "pad", true, test("assert.strictEqual(pad('7'), '00007');"));
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message() + "\n" + result.output());
        assertEquals(List.of(TestResult.PASSED), result.tests().stream().map(TestResult::status).toList());
    }

    @Test
    void javascriptWithoutTheEnvironmentIsAMissingDependency() throws Exception {
        ExecutionResult result = run(javascript, LEFT_PAD, "pad", false, test("assert.strictEqual(pad('7'), '00007');"));
        assertEquals(Outcomes.LOAD_ERROR, result.outcome(), result.message());
        assertTrue(result.message().contains("Cannot find module 'left-pad'"), result.message());
        assertTrue(result.signals().contains(Signals.MISSING_DEPENDENCY), result.signals().toString());
        assertFalse(result.signals().contains(Signals.HALLUCINATED_API), result.signals().toString());
    }

    @Test
    void theEnvironmentIsReadOnlyAndTheCodeIsStillWatched() throws Exception {
        ExecutionResult result = run(javascript, LEFT_PAD + """
                const fs = require('fs');
                function attempt() {
                  try { fs.writeFileSync('/sandbox/env/node/node_modules/left-pad/index.js', 'hijacked'); return 'wrote'; }
                  catch (e) { }
                  try { require('child_process').execFileSync('/usr/bin/true'); } catch (e) { }
                  return new Promise((resolve) => {
                    const socket = require('net').connect(5432, '127.0.0.1');
                    socket.on('error', () => resolve('refused'));
                    socket.on('connect', () => resolve('connected'));
                  });
                }
                """, "attempt", true, test("assert.strictEqual(await attempt(), 'refused'); assert.strictEqual(pad('1'), '00001');"));
        assertEquals(List.of(TestResult.PASSED), result.tests().stream().map(TestResult::status).toList(),
                result.message() + " " + result.tests());
        assertTrue(result.signals().containsAll(List.of(Signals.violation(Signals.NETWORK), Signals.SPAWNED_PROCESS)),
                result.signals().toString());
    }

    @Test
    void javaImportsAMavenArtifactFromTheEnvironment() throws Exception {
        ExecutionResult result = run(java, STRING_UTILS, "title", true, test("assert Solution.title(\"hi\").equals(\"Hi\");"));
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message() + "\n" + result.output());
        assertEquals(List.of(TestResult.PASSED), result.tests().stream().map(TestResult::status).toList());
    }

    @Test
    void javaCompiledByTheCompileServerSeesTheEnvironmentsJars() throws Exception {
        assertTrue(sandbox.awaitJavaCompileServer(Duration.ofMinutes(3)), "the Java compile server did not start");
        ExecutionResult result = run(java, STRING_UTILS, "title", true, test("assert Solution.title(\"hi\").equals(\"Hi\");"),
                test("assert System.getProperty(\"java.class.path\").startsWith(\"/sandbox/classes:\");"));
        assertEquals(List.of(TestResult.PASSED, TestResult.PASSED),
                result.tests().stream().map(TestResult::status).toList(), result.output());
        ExecutionResult without = run(java, STRING_UTILS, "title", false, test("assert Solution.title(\"hi\").equals(\"Hi\");"));
        assertEquals(Outcomes.LOAD_ERROR, without.outcome(), without.message());
        assertTrue(without.signals().contains(Signals.MISSING_DEPENDENCY), without.signals().toString());
    }

    @Test
    void javaWithoutTheEnvironmentIsAMissingDependency() throws Exception {
        ExecutionResult result = run(java, STRING_UTILS, "title", false, test("assert Solution.title(\"hi\").equals(\"Hi\");"));
        assertEquals(Outcomes.LOAD_ERROR, result.outcome(), result.message());
        assertTrue(result.message().contains("package org.apache.commons.lang3 does not exist"), result.message());
        assertTrue(result.signals().contains(Signals.MISSING_DEPENDENCY), result.signals().toString());
        assertFalse(result.signals().contains(Signals.HALLUCINATED_API), result.signals().toString());
    }

    @Test
    void aMissingJdkPackageIsStillAHallucinatedApi() throws Exception {
        // the environment is there: java.utils is missing from the JDK, which no environment can change
        ExecutionResult result = run(java, "import java.utils.Frobnicator;\nclass Solution { static int f(int x) {"
                + " return Frobnicator.twice(x); } }", "f", true, test("assert Solution.f(1) == 2;"));
        assertEquals(Outcomes.LOAD_ERROR, result.outcome(), result.message());
        assertTrue(result.signals().contains(Signals.HALLUCINATED_API), result.signals().toString());
        assertFalse(result.signals().contains(Signals.MISSING_DEPENDENCY), result.signals().toString());
    }
}
