package io.evalwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.cli.importer.BenchmarkFormat;
import io.evalwatch.cli.importer.EvalPlusFormat;
import io.evalwatch.cli.importer.HumanEvalFormat;
import io.evalwatch.cli.importer.MbppFormat;
import io.evalwatch.cli.importer.ReferenceTimer;
import io.evalwatch.cli.importer.SandboxReferenceRunner;
import io.evalwatch.cli.importer.SuiteImport;
import io.evalwatch.cli.importer.TimeLimit;
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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Acceptance of the suite importers: each public benchmark is imported the way {@code ./evalwatch suites import}
 * does it, its references measured through this sandbox's {@code POST /api/executions}; then every task as
 * written (reference, tests, derived time limit) runs again through the execution service, and every reference
 * must pass; an MBPP stub that returns None must pass none. Datasets are read from ../shared/datasets, never
 * copied in. Long: on two loaded cores about 3.5 minutes for MBPP and 20 s for HumanEval; the MBPP+ dense checks
 * take over two minutes of CPU by themselves (see docs/SUITES.md).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class BenchmarkImportTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyMbppReferencePassesItsTestsAndChallengeTests() throws Exception {
        List<JsonNode> tasks = importAndCheck(new MbppFormat(), "mbpp", "mbpp", 974);
        long edge = 0;
        for (JsonNode task : tasks) {
            for (JsonNode test : task.path("tests")) {
                edge += test.path("edge").asBoolean() ? 1 : 0;
            }
        }
        assertTrue(edge > 0, "the challenge tests are in the suite as edge tests");

        // the tests as written judge: an entry point that returns None passes no task
        List<ExecutionRequest> stubs = new ArrayList<>();
        for (JsonNode task : tasks) {
            String entryPoint = task.path("entry_point").asText();
            stubs.add(new ExecutionRequest("python", "def " + entryPoint + "(*args, **kwargs):\n    return None\n",
                    entryPoint, tests(task), LimitsOverride.wallTime(task.path("timeout_seconds").asDouble()), null,
                    false));
        }
        List<ExecutionResult> results = Fixtures.executeAll(executions, sandbox.slots(), stubs);
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).tests().stream().allMatch(TestResult::passed)) {
                passed.add(tasks.get(i).path("id").asText());
            }
        }
        assertEquals(List.of(), passed, "a stub must never pass an MBPP task");
    }

    private static List<TestCase> tests(JsonNode task) {
        List<TestCase> tests = new ArrayList<>();
        for (JsonNode test : task.path("tests")) {
            tests.add(new TestCase(test.path("name").asText(), test.path("code").asText(),
                    test.path("edge").asBoolean(false)));
        }
        return tests;
    }

    @Test
    void everyHumanEvalCanonicalSolutionPasses() throws Exception {
        importAndCheck(new HumanEvalFormat(), "humaneval", "humaneval", 164);
    }

    @Test
    void everyMbppPlusCanonicalSolutionPassesItsDensePlusTests() throws Exception {
        ExecutionResult numpy = executions.execute(Fixtures.python("import numpy\n", "f",
                Fixtures.test("numpy", "import numpy\nassert numpy.allclose([1.0], [1.0])\n")),
                java.time.Duration.ofMinutes(5));
        if (!Outcomes.COMPLETED.equals(numpy.outcome()) || !numpy.tests().stream().allMatch(TestResult::passed)) {
            fail("numpy is not importable in the sandbox (" + numpy.outcome() + " " + numpy.message() + " "
                    + numpy.tests() + "). The MBPP+ dense checks import numpy; the sandbox runs python3 -I -S, which"
                    + " does not see the distribution's packages, so it is the suite's environment (environment:"
                    + " python: packages [numpy] in suite.yaml) that must provide it. This test passes once"
                    + " suite environments are in place.");
        }
        importAndCheck(new EvalPlusFormat(), "mbppplus", "mbppplus", 378);
    }

    /** Imports with measurement, then runs every written task's reference with its written limit. */
    private List<JsonNode> importAndCheck(BenchmarkFormat format, String dataset, String name, int expected)
            throws Exception {
        Path suites = Files.createTempDirectory("evalwatch-import-");
        try {
            return importAndCheck(format, dataset, name, expected, suites);
        } finally {
            deleteTree(suites);
        }
    }

    private List<JsonNode> importAndCheck(BenchmarkFormat format, String dataset, String name, int expected,
            Path suites) throws Exception {
        long start = System.nanoTime();
        Path source = Fixtures.repositoryRoot().resolve("../shared/datasets").resolve(dataset).normalize();
        SandboxReferenceRunner runner = new SandboxReferenceRunner(base.toString());
        SuiteImport.Result result = new SuiteImport(format,
                new ReferenceTimer(runner, TimeLimit.EVALPLUS, sandbox.slots(), System.out), System.out)
                .run(source, suites, name, "1.0.0", 0);
        double imported = (System.nanoTime() - start) / 1e9;

        List<Path> files = taskFiles(result.folder().resolve("tasks"));
        assertEquals(expected, files.size(), dataset + " has " + expected + " problems");
        List<JsonNode> tasks = new ArrayList<>();
        List<ExecutionRequest> requests = new ArrayList<>();
        for (Path file : files) {
            JsonNode task = YAML.readTree(file.toFile());
            tasks.add(task);
            requests.add(new ExecutionRequest(task.path("language").asText(), task.path("reference").asText(),
                    task.path("entry_point").asText(), tests(task),
                    LimitsOverride.wallTime(task.path("timeout_seconds").asDouble()), null, false));
        }
        List<ExecutionResult> results = Fixtures.executeAll(executions, sandbox.slots(), requests);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ExecutionResult run = results.get(i);
            if (!Outcomes.COMPLETED.equals(run.outcome()) || !run.tests().stream().allMatch(TestResult::passed)
                    || run.tests().size() != requests.get(i).tests().size()) {
                failures.add(files.get(i).getFileName() + ": " + run.outcome() + " " + run.message() + " "
                        + run.tests());
            }
            assertTrue(run.isolation().startsWith("bwrap"), "ran isolated: " + run.isolation());
        }
        System.out.printf("%s: %d tasks imported with measured limits in %.1f s, %d of them pass as written;"
                + " %.1f s in all%n", dataset, files.size(), imported, files.size() - failures.size(),
                (System.nanoTime() - start) / 1e9);
        assertEquals(List.of(), failures, "every reference passes its tests within its derived time limit");
        return tasks;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<Path> taskFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
