package io.evalwatch.sandbox.language;

import static io.evalwatch.sandbox.Fixtures.edge;
import static io.evalwatch.sandbox.Fixtures.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.service.ExecutionService;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each language plug-in end to end in the real sandbox: passing, failing, broken and missing code. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class LanguagesTest {

    @Inject
    ExecutionService executions;

    @Inject
    JavaLanguage java;

    private ExecutionResult run(String language, String code, String entry, TestCase... tests) throws Exception {
        return executions.execute(new ExecutionRequest(language, code, entry, List.of(tests), LimitsOverride.none(),
                null, false), Duration.ofMinutes(2));
    }

    private static List<String> statuses(ExecutionResult result) {
        return result.tests().stream().map(TestResult::status).toList();
    }

    @Test
    void pythonUnittestStyleTestFunctionsRun() throws Exception {
        ExecutionResult result = run("python", "def add(a, b):\n    return a + b\n", "add",
                test("pytest-style", "def test_add():\n    assert add(2, 2) == 4\ntest_add()"),
                test("unittest-style", "import unittest\nclass T(unittest.TestCase):\n    def test_it(self):\n"
                        + "        self.assertEqual(add(1, 1), 3)\nT('test_it').test_it()"));
        assertEquals(List.of(TestResult.PASSED, TestResult.FAILED), statuses(result));
    }

    @Test
    void pythonMissingEntryPointAndWrongSignature() throws Exception {
        assertEquals(Outcomes.MISSING_ENTRY_POINT,
                run("python", "def plus(a, b):\n    return a + b\n", "add", test("t", "assert add(1, 2) == 3")).outcome());
        ExecutionResult arity = run("python", "def add(a):\n    return a\n", "add", test("t", "assert add(1, 2) == 3"));
        assertEquals(Outcomes.MISSING_ENTRY_POINT, arity.outcome());
        assertTrue(arity.signals().contains(Signals.WRONG_SIGNATURE));
    }

    @Test
    void javascriptPassesFailsAndNamesHallucinatedApis() throws Exception {
        ExecutionResult result = run("javascript", "function add(a, b) { return a + b; }", "add",
                test("ok", "assert.strictEqual(add(1, 2), 3);"), edge("edge", "assert.strictEqual(add(0.1, 0.2), 0.3);"),
                test("async", "await new Promise((r) => setTimeout(r, 1)); assert(add(1, 1) === 2);"));
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertEquals(List.of(TestResult.PASSED, TestResult.FAILED, TestResult.PASSED), statuses(result));
        assertTrue(result.signals().contains(Signals.EDGE_CASE_ONLY_FAILURE));

        ExecutionResult made_up = run("javascript", "const add = (a, b) => Math.addAll(a, b);", "add",
                test("ok", "assert.strictEqual(add(1, 2), 3);"));
        assertEquals("TypeError", made_up.tests().get(0).exceptionType());
        assertTrue(made_up.signals().contains(Signals.HALLUCINATED_API), made_up.signals().toString());
    }

    @Test
    void javascriptAttemptsAreNamedFromEvidence() throws Exception {
        ExecutionResult result = run("javascript", """
                const net = require('net');
                const fs = require('fs');
                function attack() {
                  try { fs.readFileSync('/etc/shadow'); } catch (e) { }
                  try { require('child_process').execFileSync('/usr/bin/true'); } catch (e) { }
                  return new Promise((resolve) => {
                    const socket = net.connect(5432, '127.0.0.1');
                    socket.on('error', () => resolve('refused'));
                    socket.on('connect', () => resolve('connected'));
                  });
                }
                """, "attack", test("t", "assert.strictEqual(await attack(), 'refused');"));
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message());
        assertEquals(List.of(TestResult.PASSED), statuses(result));
        assertTrue(result.signals().containsAll(List.of(Signals.violation(Signals.NETWORK),
                Signals.violation(Signals.SENSITIVE_FILE), Signals.SPAWNED_PROCESS)), result.signals().toString());

        ExecutionResult quiet = run("javascript", "function add(a, b) { return a + b; }", "add",
                test("fails", "assert(add(1, 1) === 3);"));
        assertEquals(List.of(Signals.WRONG_ANSWER), quiet.signals().stream()
                .filter(s -> s.startsWith("violation") || s.equals(Signals.SPAWNED_PROCESS) || s.equals(Signals.WRONG_ANSWER))
                .toList(), "a plain failing assert leaves no evidence: " + quiet.signals());
    }

    @Test
    void javascriptSyntaxErrorAndMissingEntryPoint() throws Exception {
        assertEquals(Outcomes.SYNTAX_ERROR,
                run("javascript", "function add(a, b) { return a + ; }", "add", test("t", "assert(add(1, 2) === 3);")).outcome());
        assertEquals(Outcomes.MISSING_ENTRY_POINT,
                run("javascript", "function plus(a, b) { return a + b; }", "add", test("t", "assert(add(1, 2) === 3);")).outcome());
    }

    @Test
    void javaSingleFileSourceLaunch() throws Exception {
        ExecutionResult result = run("java", "import java.util.*;\npublic class Solution {\n"
                + "    public static List<Integer> runningMax(List<Integer> values) {\n"
                + "        List<Integer> out = new ArrayList<>();\n"
                + "        for (int v : values) out.add(out.isEmpty() ? v : Math.max(out.get(out.size() - 1), v));\n"
                + "        return out;\n    }\n}\n", "runningMax",
                test("basic", "assert Solution.runningMax(List.of(1, 3, 2)).equals(List.of(1, 3, 3));"),
                edge("empty", "assert Solution.runningMax(List.of()).equals(List.of(7));"),
                test("null", "Solution.runningMax(null);"));
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message());
        assertEquals(List.of(TestResult.PASSED, TestResult.FAILED, TestResult.ERROR), statuses(result));
        assertEquals("NullPointerException", result.tests().get(2).exceptionType());
    }

    @Test
    void javaRunsMapTheStartupArchiveAndThePrecompiledRuntime() throws Exception {
        assertTrue(java.awaitStartupArchives(Duration.ofMinutes(3)), "the Java start-up archive was not made");
        // read from inside the run's own sandbox: what its JVM mapped and where its harness runtime came from
        ExecutionResult result = run("java", "class Solution {\n    static String maps() throws Exception {\n"
                + "        return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(\"/proc/self/maps\")));\n"
                + "    }\n}\n", "maps",
                test("archive", "assert Solution.maps().contains(\"/sandbox/harness/java/evalwatch.jsa\");"),
                test("runtime", "assert EvalwatchRuntime.class.getProtectionDomain().getCodeSource().getLocation()"
                        + ".getPath().startsWith(\"/sandbox/harness/java/classes\");"));
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message());
        assertEquals(List.of(TestResult.PASSED, TestResult.PASSED), statuses(result), result.tests().toString());
    }

    @Test
    void javaCompileErrorsAreClassified() throws Exception {
        assertEquals(Outcomes.SYNTAX_ERROR, run("java", "class Solution { static int f(int x) { return x + } }", "f",
                test("t", "assert Solution.f(1) == 1;")).outcome());
        ExecutionResult invented = run("java", "class Solution { static int f(int x) { return Maths.twice(x); } }", "f",
                test("t", "assert Solution.f(1) == 2;"));
        assertEquals(Outcomes.LOAD_ERROR, invented.outcome());
        assertTrue(invented.signals().contains(Signals.HALLUCINATED_API));
        ExecutionResult missing = run("java", "class Solution { static int g(int x) { return x; } }", "f",
                test("t", "assert Solution.f(1) == 1;"));
        assertEquals(Outcomes.MISSING_ENTRY_POINT, missing.outcome());
    }

    @Test
    void codeThatWritesToTheResultsChannelIsCaught() throws Exception {
        // in JavaScript the code shares the harness's process, so it can find fd 3: forgery is flagged, and a
        // flood is cut off before it can strain the service
        ExecutionResult forged = run("javascript", "function f() { require('fs').writeSync(3, "
                + "'{\"e\":\"result\",\"i\":1,\"status\":\"passed\"}\\n'); return 1; }", "f",
                test("forges", "assert(f() === 2);"), test("second", "assert(false);"));
        assertEquals(List.of(TestResult.FAILED, TestResult.FAILED), statuses(forged));
        assertTrue(forged.signals().contains(Signals.violation(Signals.RESULTS_TAMPERED)), forged.signals().toString());

        ExecutionResult flood = run("javascript", "function f() { const fs = require('fs'); const junk = 'x'.repeat(1 << 20);"
                + " for (;;) fs.writeSync(3, junk); }", "f", test("floods", "f();"));
        assertEquals(Outcomes.CRASHED, flood.outcome(), flood.message());
        assertTrue(flood.signals().contains(Signals.violation(Signals.RESULTS_TAMPERED)), flood.signals().toString());
    }

    @Test
    void javascriptMemoryBombStopsAtTheHeapLimit() throws Exception {
        ExecutionResult result = run("javascript", "function bomb() { const a = []; for (;;) a.push(new Array(1e6).fill(1)); }",
                "bomb", test("t", "bomb();"));
        assertEquals(Outcomes.MEMORY_LIMIT, result.outcome(), result.message() + " " + result.output());
    }
}
