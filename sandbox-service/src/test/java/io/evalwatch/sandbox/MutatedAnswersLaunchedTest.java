package io.evalwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.StarterSuiteTest.SuiteTask;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.service.ExecutionService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The starter suite's mutated answers in the real sandbox, every run launched on its own: the evidence the
 * scorer's failure taxonomy reads (scoring-service FailureClassifier) must come out in the form it expects. A
 * failed {@code assert a == b} reports both sides; the reference solution's complexity is measured beside the
 * answer's.
 */
@QuarkusTest
@TestProfile(MutatedAnswersLaunchedTest.Launched.class)
class MutatedAnswersLaunchedTest {

    public static class Launched implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evalwatch.sandbox.fork-server", "false");
        }
    }

    private static final Duration SLOT_WAIT = Duration.ofMinutes(2);

    @Inject
    ExecutionService executions;

    @Test
    void aFailedAssertReportsTheComparedValues() throws Exception {
        SuiteTask chunkList = task("chunk-list");
        ExecutionResult result = execute(chunkList, chunkList.offByOne(), false);

        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message());
        TestResult uneven = test(result, "uneven-split");
        assertEquals(TestResult.FAILED, uneven.status());
        assertEquals("""
                assert chunk_list([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
                left [list, len 2]: [[1, 2], [3, 4]]
                right [list, len 3]: [[1, 2], [3, 4], [5]]""", uneven.message());
    }

    @Test
    void anAssertWithItsOwnMessageKeepsIt() throws Exception {
        SuiteTask chunkList = task("chunk-list");
        ExecutionResult result = execute(chunkList, chunkList.missingEdgeCase(), false);

        TestResult failed = result.tests().stream().filter(t -> !t.passed()).findFirst().orElseThrow();
        assertFalse(failed.message() != null && failed.message().contains("left ["), failed.message());
    }

    @Test
    void boundaryAndInventedApiErrorsSayWhatTheClassifierReads() throws Exception {
        SuiteTask addMonths = task("add-months");
        ExecutionResult offByOne = execute(addMonths, addMonths.offByOne(), false);
        assertTrue(offByOne.tests().stream().anyMatch(t -> t.message() != null
                && t.message().matches("bad month number 0; must be 1-12")), offByOne.tests().toString());

        // PythonMutations.hallucinatedApi's attribute variant: a plausible function of a real module
        SuiteTask chunkList = task("chunk-list");
        String invented = "import copy\n" + chunkList.reference().replace("-> list[list]:\n",
                "-> list[list]:\n    items = copy.deepclone(items)\n");
        ExecutionResult hallucinated = execute(chunkList, invented, false);
        TestResult first = hallucinated.tests().get(0);
        assertEquals("AttributeError", first.exceptionType());
        assertEquals("module 'copy' has no attribute 'deepclone'", first.message());
    }

    @Test
    void theReferencesComplexityIsMeasuredBesideTheAnswers() throws Exception {
        SuiteTask addMonths = task("add-months");
        ExecutionResult same = execute(addMonths, addMonths.reference(), true);
        Map<?, ?> mccabe = (Map<?, ?>) same.staticAnalysis().get("mccabe");
        assertNotNull(mccabe.get("referenceMaxComplexity"), mccabe.toString());
        assertEquals(mccabe.get("maxComplexity"), mccabe.get("referenceMaxComplexity"), mccabe.toString());

        SuiteTask chunkList = task("chunk-list");
        String convoluted = "def chunk_list(items, size):\n    if size < 1:\n        raise ValueError('size')\n"
                + "    out = []\n    for i in range(len(items)):\n        if i % size == 0:\n"
                + "            out.append([])\n        if out:\n            out[-1].append(items[i])\n    return out\n";
        Map<?, ?> measured = (Map<?, ?>) execute(chunkList, convoluted, true).staticAnalysis().get("mccabe");
        assertTrue(((Number) measured.get("maxComplexity")).intValue()
                > ((Number) measured.get("referenceMaxComplexity")).intValue(), measured.toString());

        ExecutionResult withoutReference = executions.execute(new ExecutionRequest("python", chunkList.reference(),
                chunkList.entryPoint(), chunkList.tests(), LimitsOverride.none(), null, true), SLOT_WAIT);
        Map<?, ?> alone = (Map<?, ?>) withoutReference.staticAnalysis().get("mccabe");
        assertFalse(alone.containsKey("referenceMaxComplexity"), alone.toString());
    }

    private ExecutionResult execute(SuiteTask task, String code, boolean analyze) throws Exception {
        return executions.execute(new ExecutionRequest(task.language(), code, task.entryPoint(), task.tests(),
                LimitsOverride.wallTime(task.timeoutSeconds()), null, analyze, null, task.reference()), SLOT_WAIT);
    }

    private static SuiteTask task(String id) throws Exception {
        List<SuiteTask> tasks = StarterSuiteTest.starterTasks();
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static TestResult test(ExecutionResult result, String name) {
        return result.tests().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
