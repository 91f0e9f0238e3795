package io.evalwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.service.ExecutionService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled starter suite holds up in the sandbox: every task's reference passes all its tests, every
 * {@code simulation.off_by_one} fails, and every {@code simulation.missing_edge_case} fails edge tests only.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class StarterSuiteTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    /** One task file: what the sandbox needs of it. */
    record SuiteTask(String id, String language, String entryPoint, double timeoutSeconds, List<TestCase> tests,
            String reference, String offByOne, String missingEdgeCase) {
    }

    static List<SuiteTask> starterTasks() throws IOException {
        Path tasks = Fixtures.repositoryRoot().resolve("suites/starter/tasks");
        assumeTrue(Files.isDirectory(tasks), "suites/starter/tasks is not there yet");
        List<SuiteTask> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(tasks)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode task = YAML.readTree(file.toFile());
                List<TestCase> tests = new ArrayList<>();
                for (JsonNode test : task.path("tests")) {
                    tests.add(new TestCase(test.path("name").asText(), test.path("code").asText(),
                            test.path("edge").asBoolean(false)));
                }
                JsonNode simulation = task.path("simulation");
                found.add(new SuiteTask(task.path("id").asText(), task.path("language").asText("python"),
                        task.path("entry_point").asText(), task.path("timeout_seconds").asDouble(10), tests,
                        task.path("reference").asText(null), simulation.path("off_by_one").asText(null),
                        simulation.path("missing_edge_case").asText(null)));
            }
        }
        assumeTrue(!found.isEmpty(), "suites/starter/tasks has no task yet");
        return found;
    }

    private List<ExecutionResult> runAll(List<SuiteTask> tasks, java.util.function.Function<SuiteTask, String> code)
            throws Exception {
        List<ExecutionRequest> requests = new ArrayList<>();
        for (SuiteTask task : tasks) {
            requests.add(new ExecutionRequest(task.language(), code.apply(task), task.entryPoint(), task.tests(),
                    LimitsOverride.wallTime(task.timeoutSeconds()), null, false));
        }
        return Fixtures.executeAll(executions, sandbox.slots(), requests);
    }

    private static String describe(SuiteTask task, ExecutionResult result) {
        return task.id() + ": " + result.outcome() + " " + result.message() + " " + result.tests();
    }

    @Test
    void everyReferencePassesAllItsTests() throws Exception {
        List<SuiteTask> tasks = starterTasks();
        List<ExecutionResult> results = runAll(tasks, SuiteTask::reference);
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
    void everyOffByOneFails() throws Exception {
        List<SuiteTask> tasks = starterTasks().stream().filter(t -> t.offByOne() != null).toList();
        List<ExecutionResult> results = runAll(tasks, SuiteTask::offByOne);
        List<String> passing = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            if (results.get(i).tests().stream().allMatch(TestResult::passed)) {
                passing.add(describe(tasks.get(i), results.get(i)));
            }
        }
        assertEquals(List.of(), passing, "an off-by-one answer must fail at least one test");
    }

    @Test
    void everyMissingEdgeCaseFailsOnlyEdgeTests() throws Exception {
        List<SuiteTask> tasks = starterTasks().stream().filter(t -> t.missingEdgeCase() != null).toList();
        List<ExecutionResult> results = runAll(tasks, SuiteTask::missingEdgeCase);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            ExecutionResult result = results.get(i);
            boolean edgeFailed = result.tests().stream().anyMatch(t -> t.edge() && !t.passed());
            boolean ordinaryFailed = result.tests().stream().anyMatch(t -> !t.edge() && !t.passed());
            if (!Outcomes.COMPLETED.equals(result.outcome()) || !edgeFailed || ordinaryFailed) {
                wrong.add(describe(tasks.get(i), result));
            }
        }
        assertEquals(List.of(), wrong, "a missing edge case must fail edge tests and only edge tests");
        assertTrue(results.stream().allMatch(r -> r.signals().contains("edge_case_only_failure")));
    }
}
