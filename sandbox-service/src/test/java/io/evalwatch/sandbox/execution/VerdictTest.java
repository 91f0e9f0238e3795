package io.evalwatch.sandbox.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.isolation.HarnessRecord;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.isolation.RawRun;
import io.evalwatch.sandbox.isolation.ResourceEvidence;
import io.evalwatch.sandbox.language.Language;
import io.evalwatch.sandbox.language.PythonLanguage;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.evalwatch.sandbox.config.SandboxConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outcome, per-test results and signals decided from observed evidence alone: plain logic, no sandbox. */
class VerdictTest {

    private static final Language PYTHON = new PythonLanguage(new SmallRyeConfigBuilder()
            .withMapping(SandboxConfig.class).build().getConfigMapping(SandboxConfig.class));
    private static final List<TestCase> TESTS = List.of(new TestCase("a", "assert f(1) == 1", false),
            new TestCase("b", "assert f(2) == 2", false), new TestCase("edge", "assert f(0) == 0", true));
    private static final ExecutionRequest REQUEST = new ExecutionRequest("python", "def f(x): return x", "f", TESTS,
            LimitsOverride.none(), null, false);

    private static HarnessRecord event(String e) {
        return new HarnessRecord(e, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static HarnessRecord loadOk() {
        return new HarnessRecord("load", null, true, null, null, null, null, null, null, 1, null, null, null, null,
                null, null, null);
    }

    private static HarnessRecord loadFailed(String kind, String type, String message) {
        return new HarnessRecord("load", null, false, kind, type, message, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static HarnessRecord start(int i) {
        return new HarnessRecord("start", i, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static HarnessRecord result(int i, String status, String type, String message) {
        return new HarnessRecord("result", i, null, null, type, message, status, 0.001, null, null, null, null, null,
                null, null, null, null);
    }

    private static HarnessRecord signatureError(int i) {
        return new HarnessRecord("result", i, null, null, "TypeError", "f() takes 1 positional argument but 2 were given",
                TestResult.ERROR, 0.001, true, null, null, null, null, null, null, null, null);
    }

    private static HarnessRecord evidence(String kind) {
        return new HarnessRecord("evidence", null, null, kind, null, null, null, null, null, null, null, "detail", null,
                null, null, null, null);
    }

    private static HarnessRecord end(Integer exit, Integer signal) {
        return new HarnessRecord("end", null, null, null, null, null, null, null, null, null, null, null, null, exit,
                signal, null, null);
    }

    private static HarnessRecord hello() {
        return new HarnessRecord("hello", null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static RawRun run(List<HarnessRecord> records, boolean timedOut, Integer exit, ResourceEvidence resources) {
        return new RawRun(records, 0, "", 0, false, false, timedOut, exit, 0, resources, 0.05, "bwrap+setpriv+cgroup");
    }

    private static RawRun finished(List<HarnessRecord> records) {
        return run(records, false, 0, ResourceEvidence.unmeasured());
    }

    private static List<HarnessRecord> allTests(String... statuses) {
        List<HarnessRecord> records = new ArrayList<>(List.of(hello(), loadOk()));
        for (int i = 0; i < statuses.length; i++) {
            records.add(start(i));
            records.add(result(i, statuses[i], TestResult.PASSED.equals(statuses[i]) ? null : "AssertionError", ""));
        }
        records.add(event("done"));
        records.add(end(0, null));
        return records;
    }

    @Test
    void allPassedIsCompletedWithoutFailureSignals() {
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, finished(allTests("passed", "passed", "passed")));
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertTrue(result.tests().stream().allMatch(TestResult::passed));
        assertEquals(List.of(), result.signals());
    }

    @Test
    void onlyEdgeFailuresAreAnEdgeCaseOnlyFailure() {
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, finished(allTests("passed", "passed", "failed")));
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertEquals(List.of(Signals.EDGE_CASE_ONLY_FAILURE), result.signals());
        assertTrue(result.tests().get(2).edge());
    }

    @Test
    void anOrdinaryFailureIsAWrongAnswer() {
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, finished(allTests("failed", "passed", "failed")));
        assertTrue(result.signals().contains(Signals.WRONG_ANSWER));
        assertFalse(result.signals().contains(Signals.EDGE_CASE_ONLY_FAILURE));
    }

    @Test
    void syntaxErrorLeavesEveryTestNotRun() {
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, finished(List.of(hello(),
                loadFailed("syntax", "SyntaxError", "invalid syntax"), end(0, null))));
        assertEquals(Outcomes.SYNTAX_ERROR, result.outcome());
        assertTrue(result.tests().stream().allMatch(t -> TestResult.NOT_RUN.equals(t.status())));
        assertEquals(3, result.tests().size());
        assertTrue(result.signals().contains(Signals.SYNTAX_ERROR));
    }

    @Test
    void importOfAMissingModuleIsAHallucinatedApi() {
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, finished(List.of(hello(),
                loadFailed("exception", "ModuleNotFoundError", "No module named 'numpyx'"), end(0, null))));
        assertEquals(Outcomes.LOAD_ERROR, result.outcome());
        assertTrue(result.signals().contains(Signals.HALLUCINATED_API));
    }

    @Test
    void attributeErrorOnAModuleOrBuiltinIsAHallucinatedApiButNotOnNone() {
        assertTrue(PYTHON.hallucinatedApi("AttributeError", "module 'math' has no attribute 'clamp'"));
        assertTrue(PYTHON.hallucinatedApi("AttributeError", "'str' object has no attribute 'reverse'"));
        assertFalse(PYTHON.hallucinatedApi("AttributeError", "'NoneType' object has no attribute 'append'"));
        assertFalse(PYTHON.hallucinatedApi("UnboundLocalError", "local variable 'x' referenced before assignment"));
    }

    @Test
    void everyCallRejectedByTheSignatureIsAMissingEntryPoint() {
        List<HarnessRecord> records = new ArrayList<>(List.of(hello(), loadOk()));
        for (int i = 0; i < 3; i++) {
            records.add(start(i));
            records.add(signatureError(i));
        }
        records.add(event("done"));
        records.add(end(0, null));
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, finished(records));
        assertEquals(Outcomes.MISSING_ENTRY_POINT, result.outcome());
        assertTrue(result.signals().contains(Signals.WRONG_SIGNATURE));
    }

    @Test
    void aTimeoutMarksTheRunningTestAndLeavesTheRestNotRun() {
        List<HarnessRecord> records = List.of(hello(), loadOk(), start(0), result(0, "passed", null, null), start(1));
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, run(records, true, null, ResourceEvidence.unmeasured()));
        assertEquals(Outcomes.TIMEOUT, result.outcome());
        assertEquals(List.of(TestResult.PASSED, TestResult.TIMEOUT, TestResult.NOT_RUN),
                result.tests().stream().map(TestResult::status).toList());
    }

    @Test
    void anOomKillIsAMemoryLimit() {
        List<HarnessRecord> records = List.of(hello(), loadOk(), start(0), end(null, 9));
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, run(records, false, 0, new ResourceEvidence(5, 1, 0, 1 << 29)));
        assertEquals(Outcomes.MEMORY_LIMIT, result.outcome());
        assertEquals("MemoryLimit", result.tests().get(0).exceptionType());
    }

    @Test
    void aSignalDeathIsACrashWithTheSignalNamed() {
        List<HarnessRecord> records = List.of(hello(), loadOk(), start(0), result(0, "passed", null, null), start(1),
                end(null, 11));
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, finished(records));
        assertEquals(Outcomes.CRASHED, result.outcome());
        assertEquals("SIGSEGV", result.tests().get(1).exceptionType());
        assertEquals(TestResult.NOT_RUN, result.tests().get(2).status());
        assertTrue(result.signals().contains(Signals.CRASHED));
    }

    @Test
    void cpuLimitIsATimeout() {
        List<HarnessRecord> records = List.of(hello(), loadOk(), start(0), end(null, 24));
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, finished(records));
        assertEquals(Outcomes.TIMEOUT, result.outcome());
        assertTrue(result.signals().containsAll(List.of(Signals.TIMEOUT, Signals.CPU_LIMIT)));
    }

    @Test
    void evidenceBecomesViolations() {
        List<HarnessRecord> records = new ArrayList<>(allTests("passed", "passed", "passed"));
        records.add(2, evidence("network"));
        records.add(2, evidence("process"));
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, run(records, false, 0, new ResourceEvidence(0, 0, 3, 0)));
        assertTrue(result.signals().containsAll(List.of(Signals.SANDBOX_VIOLATION, Signals.violation(Signals.NETWORK),
                Signals.violation(Signals.PROCESS_LIMIT), Signals.SPAWNED_PROCESS)), result.signals().toString());
    }

    @Test
    void noHarnessRecordAtAllIsASandboxError() {
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, run(List.of(), false, 1, ResourceEvidence.unmeasured()));
        assertEquals(Outcomes.SANDBOX_ERROR, result.outcome());
    }

    @Test
    void codeThatEndsTheProcessEarlyIsACrashAndTheRestIsNotRun() {
        List<HarnessRecord> records = List.of(hello(), loadOk(), start(0), result(0, "passed", null, null), start(1));
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, run(records, false, 3, ResourceEvidence.unmeasured()));
        assertEquals(Outcomes.CRASHED, result.outcome());
        assertEquals(List.of(TestResult.PASSED, TestResult.ERROR, TestResult.NOT_RUN),
                result.tests().stream().map(TestResult::status).toList());
        assertTrue(result.message().contains("exit 3"), result.message());
    }

    @Test
    void rawOutputThatDoesNotCompileIsSignalled() {
        List<HarnessRecord> records = new ArrayList<>(allTests("passed", "passed", "passed"));
        records.add(1, new HarnessRecord("raw", null, null, null, "SyntaxError", null, null, null, null, null, false,
                null, null, null, null, null, null));
        ExecutionResult result = Verdict.decide(REQUEST, PYTHON, finished(records));
        assertEquals(List.of(Signals.RAW_OUTPUT_NOT_EXECUTABLE), result.signals());
    }
}
