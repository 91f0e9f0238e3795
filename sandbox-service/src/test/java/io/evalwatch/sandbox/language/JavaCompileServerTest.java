package io.evalwatch.sandbox.language;

import static io.evalwatch.sandbox.Fixtures.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.service.ExecutionService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java runs through the compile server: compile errors read and are classified exactly as from a source launch, a
 * killed server is replaced, and a run sees its own classes only.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class JavaCompileServerTest {

    /** A test that passes only in a run of classes compiled by the server. */
    private static final String COMPILED = "assert System.getProperty(\"java.class.path\").startsWith(\"/sandbox/classes:\");";

    @Inject
    ExecutionService executions;

    @Inject
    JavaLanguage java;

    @Inject
    Sandbox sandbox;

    @BeforeEach
    void serverIsUp() throws Exception {
        assertTrue(sandbox.awaitJavaCompileServer(Duration.ofMinutes(3)), "the Java compile server did not start");
    }

    private ExecutionResult run(String code, String entry, TestCase... tests) throws Exception {
        return executions.execute(request(code, entry, tests), Duration.ofMinutes(2));
    }

    private static ExecutionRequest request(String code, String entry, TestCase... tests) {
        return new ExecutionRequest("java", code, entry, List.of(tests), LimitsOverride.none(), null, false);
    }

    @Test
    void runsExecuteTheCompiledClasses() throws Exception {
        // public, as a source launch allows in a file of any name
        ExecutionResult result = run("public class Solution { static int add(int a, int b) { return a + b; } }", "add",
                test("ok", "assert Solution.add(1, 2) == 3;"), test("wrong", "assert Solution.add(1, 2) == 4;"),
                test("compiled", COMPILED));
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.output());
        assertEquals(List.of(TestResult.PASSED, TestResult.FAILED, TestResult.PASSED),
                result.tests().stream().map(TestResult::status).toList());
    }

    @Test
    void compileErrorsReadAndAreClassifiedAsFromASourceLaunch() throws Exception {
        assertSameAsSourceLaunch(Outcomes.SYNTAX_ERROR, "class Solution { static int f(int x) { return x + } }", "f",
                test("t", "assert Solution.f(1) == 1;"));
        assertSameAsSourceLaunch(Outcomes.LOAD_ERROR, "class Solution { static int f(int x) { return x; } }", "f",
                test("t", "assert Solution.f(1) == 1 +;"));
        ExecutionResult invented = assertSameAsSourceLaunch(Outcomes.LOAD_ERROR,
                "class Solution { static int f(int x) { return Maths.twice(x); } }", "f",
                test("t", "assert Solution.f(1) == 2;"));
        assertTrue(invented.signals().contains(Signals.HALLUCINATED_API));
        assertSameAsSourceLaunch(Outcomes.MISSING_ENTRY_POINT, "class Solution { static int g(int x) { return x; } }",
                "f", test("t", "assert Solution.f(1) == 1;"));
        ExecutionResult signature = assertSameAsSourceLaunch(Outcomes.MISSING_ENTRY_POINT,
                "class Solution { static int f(int x) { return x; } }", "f", test("t", "assert Solution.f(1, 2) == 1;"));
        assertTrue(signature.signals().contains(Signals.WRONG_SIGNATURE));
    }

    /**
     * Runs the code through the service and the same file through a plain source launch on the host: the
     * diagnostics must be the same text (but for where the file is) and read as the same failure.
     */
    private ExecutionResult assertSameAsSourceLaunch(String outcome, String code, String entry, TestCase... tests)
            throws Exception {
        ExecutionResult result = run(code, entry, tests);
        assertEquals(outcome, result.outcome(), result.output());
        Path dir = Files.createTempDirectory("source-launch");
        try {
            ExecutionRequest request = request(code, entry, tests);
            Path file = Files.writeString(dir.resolve(JavaSource.FILE_NAME),
                    JavaSource.of(code, entry, List.of(tests)).text());
            Process launch = new ProcessBuilder("java", "-ea", file.toString(), "3", "shared-pids")
                    .redirectErrorStream(true).start();
            String launched = new String(launch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(launch.waitFor(2, TimeUnit.MINUTES));
            assertEquals(launched.replace(file.toString(), JavaSource.FILE_NAME),
                    result.output().replace("/sandbox/in/" + JavaSource.FILE_NAME, JavaSource.FILE_NAME));
            assertEquals(java.loadFailureFromOutput(request, launched), java.loadFailureFromOutput(request,
                    result.output()));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return result;
    }

    @Test
    void aKilledServerIsReplaced() throws Exception {
        List<ProcessHandle> servers = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(" CompileServer ")).toList();
        assertFalse(servers.isEmpty(), "no compile server among this service's processes");
        servers.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle server : servers) {
            server.onExit().get(10, TimeUnit.SECONDS);
        }
        ExecutionResult result = run("class Solution { static int add(int a, int b) { return a + b; } }", "add",
                test("ok", "assert Solution.add(1, 2) == 3;"), test("compiled", COMPILED));
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.output());
        assertEquals(List.of(TestResult.PASSED, TestResult.PASSED),
                result.tests().stream().map(TestResult::status).toList());
    }

    @Test
    void aRunSeesItsOwnClassesOnlyAndCannotChangeThem() throws Exception {
        // the first run holds its classes while the second runs beside it (or after it, with one slot)
        CompletableFuture<ExecutionResult> first = CompletableFuture.supplyAsync(() -> {
            try {
                return run("class AlphaOnly { static int f() throws Exception { Thread.sleep(3000); return 1; } }",
                        "AlphaOnly.f", test("t", "assert AlphaOnly.f() == 1;"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        ExecutionResult second = run("class Solution {\n"
                + "    static java.util.List<String> mine() {\n"
                + "        return java.util.Arrays.stream(new java.io.File(\"/sandbox/classes\").list()).sorted()"
                + ".collect(java.util.stream.Collectors.toList());\n    }\n}\n", "mine",
                test("own classes", "assert Solution.mine().equals(List.of(\"EvalwatchHarness.class\", "
                        + "\"Solution.class\")) : Solution.mine();"),
                test("no other run's", "try { Class.forName(\"AlphaOnly\"); assert false; }"
                        + " catch (ClassNotFoundException expected) { }"),
                test("no server output", "assert !new java.io.File(\"/sandbox/out\").exists();"),
                test("read-only", "try { java.nio.file.Files.writeString(java.nio.file.Path.of("
                        + "\"/sandbox/classes/Solution.class\"), \"x\"); assert false; }"
                        + " catch (java.io.IOException expected) { }"),
                test("compiled", COMPILED));
        assertEquals(Outcomes.COMPLETED, second.outcome(), second.output());
        assertEquals(List.of(TestResult.PASSED, TestResult.PASSED, TestResult.PASSED, TestResult.PASSED,
                TestResult.PASSED), second.tests().stream().map(TestResult::status).toList(), second.output());
        assertEquals(Outcomes.COMPLETED, first.get(2, TimeUnit.MINUTES).outcome());
    }
}
