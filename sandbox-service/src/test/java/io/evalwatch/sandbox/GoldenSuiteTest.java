package io.evalwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestResult;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.service.ExecutionService;
import io.evalwatch.suite.LoadedTask;
import io.evalwatch.suite.SuiteFolder;
import io.evalwatch.suite.TaskFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The golden suite holds up in the sandbox, in all three languages: every generation and completion task's reference
 * passes all its tests (a completion's as its completed file), and every hand-written wrong answer of its simulation
 * block (off_by_one, missing_edge_case, ignores_context) fails at least one, so the simulator's wrong answers are
 * wrong where it counts. Read through suite-format, as task-service reads it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class GoldenSuiteTest {

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    private static List<LoadedTask> executable() {
        return SuiteFolder.load(Fixtures.repositoryRoot().resolve("suites/golden")).tasks().stream()
                .filter(t -> t.spec().executable()).toList();
    }

    private List<ExecutionResult> runAll(List<LoadedTask> tasks, Function<LoadedTask, String> answer)
            throws Exception {
        List<ExecutionRequest> requests = new ArrayList<>();
        for (LoadedTask task : tasks) {
            TaskSpec spec = task.spec();
            requests.add(new ExecutionRequest(spec.language(), spec.executableCode(answer.apply(task)),
                    spec.entryPoint(), spec.tests(), LimitsOverride.wallTime(spec.timeoutSeconds()), null, false));
        }
        return Fixtures.executeAll(executions, sandbox.slots(), requests);
    }

    private static String describe(LoadedTask task, ExecutionResult result) {
        return task.spec().id() + " (" + task.spec().language() + "): " + result.outcome() + " " + result.message()
                + " " + result.tests();
    }

    @Test
    void everyReferencePassesAllItsTests() throws Exception {
        List<LoadedTask> tasks = executable();
        assertEquals(45, tasks.size(), "30 generation and 15 completion tasks");
        List<ExecutionResult> results = runAll(tasks, t -> t.spec().reference());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            ExecutionResult result = results.get(i);
            if (!Outcomes.COMPLETED.equals(result.outcome()) || !result.tests().stream().allMatch(TestResult::passed)) {
                failures.add(describe(tasks.get(i), result));
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void everyWrongAnswerOfASimulationBlockFails() throws Exception {
        List<String> passing = new ArrayList<>();
        List<Function<TaskFile.Simulation, String>> kinds = List.of(TaskFile.Simulation::offByOne,
                TaskFile.Simulation::missingEdgeCase, TaskFile.Simulation::ignoresContext);
        int checked = 0;
        for (Function<TaskFile.Simulation, String> kind : kinds) {
            List<LoadedTask> tasks = executable().stream().filter(t -> t.source().simulation() != null
                    && kind.apply(t.source().simulation()) != null).toList();
            List<ExecutionResult> results = runAll(tasks, t -> kind.apply(t.source().simulation()));
            for (int i = 0; i < tasks.size(); i++) {
                checked++;
                if (results.get(i).tests().stream().allMatch(TestResult::passed)) {
                    passing.add(describe(tasks.get(i), results.get(i)));
                }
            }
        }
        assertEquals(List.of(), passing, "a wrong answer must fail at least one test");
        // 30 generation tasks with both answers, 15 completions with ignores_context
        assertEquals(75, checked);
    }
}
