package io.evalwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.service.ExecutionService;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: every HumanEval canonical solution passes in the sandbox, and every prompt left with an empty
 * body ({@code pass}) fails. Read from the shared dataset next to the repository.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class HumanEvalTest {

    private static HumanEvalDataset dataset;

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    @BeforeAll
    static void load() throws Exception {
        dataset = HumanEvalDataset.load();
        assertEquals(164, dataset.problems().size(), "HumanEval has 164 problems");
    }

    @Test
    void everyCanonicalSolutionPasses() throws Exception {
        List<ExecutionResult> results = runAll(p -> p.prompt() + p.canonicalSolution());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ExecutionResult result = results.get(i);
            if (!Outcomes.COMPLETED.equals(result.outcome()) || !result.tests().stream().allMatch(TestResult::passed)) {
                failures.add(dataset.problems().get(i).taskId() + ": " + result.outcome() + " " + result.message()
                        + " " + result.tests());
            }
            assertTrue(result.isolation().startsWith("bwrap"), "ran isolated: " + result.isolation());
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyEmptyBodyFails() throws Exception {
        List<ExecutionResult> results = runAll(p -> p.prompt() + "    pass\n");
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ExecutionResult result = results.get(i);
            boolean allPassed = Outcomes.COMPLETED.equals(result.outcome())
                    && result.tests().stream().allMatch(TestResult::passed);
            if (allPassed) {
                passed.add(dataset.problems().get(i).taskId());
            }
            assertEquals(1, result.tests().size());
        }
        assertEquals(List.of(), passed, "an empty body must never pass");
    }

    private List<ExecutionResult> runAll(Function<HumanEvalDataset.Problem, String> code) throws Exception {
        List<ExecutionRequest> requests = new ArrayList<>();
        for (HumanEvalDataset.Problem problem : dataset.problems()) {
            requests.add(new ExecutionRequest("python", code.apply(problem), problem.entryPoint(),
                    List.of(new TestCase("check", problem.test() + "\ncheck(" + problem.entryPoint() + ")\n", false)),
                    LimitsOverride.wallTime(10), null, false));
        }
        return Fixtures.executeAll(executions, sandbox.slots(), requests);
    }
}
