package io.evalwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.environment.EnvironmentStore;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.isolation.EnvironmentMount;
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

    @Inject
    EnvironmentStore environments;

    private static final int MBPP_PLUS_MEMORY_MB = 4096;

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

    /**
     * The dense checks import numpy: the import writes the suite's environment (python3-numpy from Debian,
     * preloaded), the references are measured in it, and every task runs in it as the suite would. Mbpp/255's
     * reference holds about 2.2 GB: imported with --memory-mb 4096 (the ceiling), every task carries memory_mb 4096
     * and runs under it, as the pipeline would run it. Without the environment the checks fail as a missing dependency, never as invented.
     */
    @Test
    void everyMbppPlusCanonicalSolutionPassesItsDensePlusTests() throws Exception {
        EvalPlusFormat format = new EvalPlusFormat();
        List<JsonNode> tasks = importAndCheck(format, "mbppplus", "mbppplus", 378,
                SandboxReferenceRunner.environmentOf(format), MBPP_PLUS_MEMORY_MB);

        List<ExecutionRequest> plain = new ArrayList<>();
        for (JsonNode task : tasks.subList(0, 6)) {
            plain.add(new ExecutionRequest("python", task.path("reference").asText(),
                    task.path("entry_point").asText(), tests(task), limits(task), null, false));
        }
        for (ExecutionResult run : Fixtures.executeAll(executions, sandbox.slots(), plain)) {
            assertTrue(run.tests().stream().noneMatch(TestResult::passed), "numpy is not there: " + run.tests());
            assertTrue(run.signals().contains(Signals.MISSING_DEPENDENCY), run.signals().toString());
            assertFalse(run.signals().contains(Signals.HALLUCINATED_API), run.signals().toString());
        }
    }

    /** Imports with measurement, then runs every written task's reference with its written limit. */
    private List<JsonNode> importAndCheck(BenchmarkFormat format, String dataset, String name, int expected)
            throws Exception {
        return importAndCheck(format, dataset, name, expected, null, null);
    }

    private List<JsonNode> importAndCheck(BenchmarkFormat format, String dataset, String name, int expected,
            JsonNode environment, Integer memoryMb) throws Exception {
        Path suites = Files.createTempDirectory("evalwatch-import-");
        try {
            return importAndCheck(format, dataset, name, expected, suites, environment, memoryMb);
        } finally {
            deleteTree(suites);
        }
    }

    /** The limits the task file declares: its time limit, and its memory_mb when it has one. */
    private static LimitsOverride limits(JsonNode task) {
        Integer memoryMb = task.hasNonNull("memory_mb") ? task.get("memory_mb").asInt() : null;
        return new LimitsOverride(task.path("timeout_seconds").asDouble(), null, memoryMb, null, null, null, null,
                null);
    }

    private List<JsonNode> importAndCheck(BenchmarkFormat format, String dataset, String name, int expected,
            Path suites, JsonNode environment, Integer memoryMb) throws Exception {
        long start = System.nanoTime();
        Path source = Fixtures.datasets().resolve(dataset);
        SandboxReferenceRunner runner = new SandboxReferenceRunner(base.toString(), environment, memoryMb);
        SuiteImport.Result result = new SuiteImport(format,
                new ReferenceTimer(runner, TimeLimit.EVALPLUS, sandbox.slots(), System.out), System.out, memoryMb)
                .run(source, suites, name, "1.0.0", 0);
        double imported = (System.nanoTime() - start) / 1e9;

        List<Path> files = taskFiles(result.folder().resolve("tasks"));
        assertEquals(expected, files.size(), dataset + " has " + expected + " problems");
        // the environment as written into suite.yaml, built through the store as a run of the suite would
        JsonNode declared = YAML.readTree(result.folder().resolve("suite.yaml").toFile()).get("environment");
        assertEquals(environment == null, declared == null, "suite.yaml declares the environment the import used");
        EnvironmentMount mount = null;
        if (declared != null) {
            EnvironmentSpec spec = YAML.treeToValue(declared, EnvironmentSpec.class);
            mount = environments.ensure(spec, false, System.out::println).mount(spec);
            System.out.printf("%s: environment %s (%s)%n", dataset, mount.lockHash(), String.join("; ",
                    environments.find(mount.lockHash()).orElseThrow().lock()));
        }
        List<JsonNode> tasks = new ArrayList<>();
        List<ExecutionRequest> requests = new ArrayList<>();
        for (Path file : files) {
            JsonNode task = YAML.readTree(file.toFile());
            tasks.add(task);
            requests.add(new ExecutionRequest(task.path("language").asText(), task.path("reference").asText(),
                    task.path("entry_point").asText(), tests(task), limits(task), null, false, mount));
            assertEquals(memoryMb == null ? null : memoryMb.toString(), task.hasNonNull("memory_mb")
                    ? task.get("memory_mb").asText() : null, "the import writes the limit it measured under");
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
