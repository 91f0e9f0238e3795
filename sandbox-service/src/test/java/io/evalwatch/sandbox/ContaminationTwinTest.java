package io.evalwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.cli.importer.BenchmarkFormat;
import io.evalwatch.cli.importer.HumanEvalFormat;
import io.evalwatch.cli.importer.MbppFormat;
import io.evalwatch.cli.importer.ReferenceTimer;
import io.evalwatch.cli.importer.SandboxReferenceRunner;
import io.evalwatch.cli.importer.SuiteImport;
import io.evalwatch.cli.importer.TimeLimit;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TaskKind;
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
import io.evalwatch.suite.twin.Twin;
import io.evalwatch.suite.twin.Twins;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Acceptance of the contamination twins: every Python function task of the imported benchmarks and of the bundled
 * suites has a twin, the twin really differs from its original (another entry point, another prompt, tests that
 * call the new name and never the old one), and the twin's reference passes the twin's tests in this sandbox, within
 * its original's time limit. The benchmarks are imported as {@code ./evalwatch suites import} writes them (limits
 * measured in this sandbox) and read back through suite-format, as task-service reads a suite; datasets are read
 * from ../shared/datasets, never copied in.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ContaminationTwinTest {

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyHumanEvalTwinPassesItsRenamedTests() throws Exception {
        List<TaskSpec> tasks = imported(new HumanEvalFormat(), "humaneval", "humaneval");
        assertEquals(164, tasks.size());
        assertEquals(164, checkTwins(tasks, "humaneval"));
    }

    @Test
    void everyMbppTwinPassesItsRenamedTests() throws Exception {
        List<TaskSpec> tasks = imported(new MbppFormat(), "mbpp", "mbpp");
        assertEquals(974, tasks.size());
        assertEquals(974, checkTwins(tasks, "mbpp"));
    }

    @Test
    void everySanitizedMbppTwinPassesItsRenamedTests() throws Exception {
        List<TaskSpec> tasks = imported(new MbppFormat(), "mbpp/sanitized-mbpp.json.gz", "mbpp-sanitized");
        assertEquals(427, tasks.size());
        assertEquals(427, checkTwins(tasks, "mbpp-sanitized"));
    }

    @Test
    void everyPythonFunctionTaskOfTheBundledSuitesHasAPassingTwin() throws Exception {
        List<TaskSpec> golden = python(SuiteFolder.load(Fixtures.repositoryRoot().resolve("suites/golden")).tasks());
        List<TaskSpec> starter = python(SuiteFolder.load(Fixtures.repositoryRoot().resolve("suites/starter")).tasks());
        assertEquals(20, golden.size(), "golden: the Python generation tasks (its completions have a hole)");
        assertEquals(20, checkTwins(golden, "golden"));
        assertEquals(10, checkTwins(starter, "starter"));
    }

    /** The Python tasks a twin is made for: generation, and completion of a function (no hole). */
    private static List<TaskSpec> python(List<LoadedTask> tasks) {
        return tasks.stream().map(LoadedTask::spec).filter(s -> "python".equals(s.language()))
                .filter(s -> s.kind() == TaskKind.GENERATION || (s.kind() == TaskKind.COMPLETION && s.hole() == null))
                .toList();
    }

    /** Builds every task's twin, checks it differs, runs its reference on its tests; the number that pass. */
    private int checkTwins(List<TaskSpec> tasks, String name) throws Exception {
        List<Twin> twins = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (TaskSpec task : tasks) {
            Twins.whyNot(task).ifPresent(reason -> problems.add(task.id() + ": no twin: " + reason));
            Twins.of(task).ifPresent(twin -> {
                twins.add(twin);
                problems.addAll(differences(task, twin));
            });
        }
        assertEquals(List.of(), problems, name + ": every task has a twin that differs");

        List<ExecutionRequest> requests = new ArrayList<>();
        for (Twin twin : twins) {
            TaskSpec spec = twin.spec();
            requests.add(new ExecutionRequest(spec.language(), spec.executableCode(spec.reference()),
                    spec.entryPoint(), spec.tests(), LimitsOverride.wallTime(spec.timeoutSeconds()), null, false));
        }
        List<ExecutionResult> results = Fixtures.executeAll(executions, sandbox.slots(), requests);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ExecutionResult run = results.get(i);
            assertTrue(run.isolation().startsWith("bwrap"), "ran isolated: " + run.isolation());
            if (!Outcomes.COMPLETED.equals(run.outcome()) || run.tests().size() != requests.get(i).tests().size()
                    || !run.tests().stream().allMatch(TestResult::passed)) {
                failures.add(twins.get(i).spec().id() + " " + twins.get(i).renames() + ": " + run.outcome() + " "
                        + run.message() + " " + run.tests());
            }
        }
        System.out.printf("%s: %d tasks, %d twins, %d twin references pass their twin tests%n", name, tasks.size(),
                twins.size(), twins.size() - failures.size());
        assertEquals(List.of(), failures, name + ": every twin's reference passes its twin's tests");
        return twins.size() - failures.size();
    }

    /** What makes a twin a twin: a derived id, a new entry point everywhere, a changed prompt. */
    private static List<String> differences(TaskSpec original, Twin twin) {
        TaskSpec spec = twin.spec();
        List<String> problems = new ArrayList<>();
        // the old name may stay as an English word in prose or inside a string; never as a call or a definition
        Pattern oldCall = Pattern.compile("(?<![\\w.])" + Pattern.quote(original.entryPoint()) + "\\s*\\(");
        Pattern newName = Pattern.compile("(?<![\\w.])" + Pattern.quote(spec.entryPoint()) + "(?!\\w)");
        String tests = String.join("\n", spec.tests().stream().map(t -> t.code()).toList());
        if (!spec.id().equals(Twins.idOf(original.id())) || spec.entryPoint().equals(original.entryPoint())
                || spec.prompt().equals(original.prompt()) || spec.reference().equals(original.reference())) {
            problems.add(original.id() + ": the twin keeps its id, entry point, prompt or reference");
        }
        if (!newName.matcher(tests).find() || !newName.matcher(spec.prompt()).find()) {
            problems.add(original.id() + ": the twin's tests or prompt do not name " + spec.entryPoint());
        }
        if (oldCall.matcher(tests).find() || oldCall.matcher(spec.reference()).find()) {
            problems.add(original.id() + ": the twin still calls " + original.entryPoint());
        }
        if (spec.tests().size() != original.tests().size()) {
            problems.add(original.id() + ": the twin has other tests");
        }
        return problems;
    }

    /**
     * The benchmark imported as the CLI imports it, each time limit measured from the original's reference in this
     * sandbox (the twin keeps its original's limit), and read back through suite-format.
     */
    private List<TaskSpec> imported(BenchmarkFormat format, String dataset, String name) throws Exception {
        Path suites = Files.createTempDirectory("evalwatch-twins-");
        try {
            Path source = Fixtures.repositoryRoot().resolve("../shared/datasets").resolve(dataset).normalize();
            ReferenceTimer timer = new ReferenceTimer(new SandboxReferenceRunner(base.toString()), TimeLimit.EVALPLUS,
                    sandbox.slots(), System.out);
            SuiteImport.Result result = new SuiteImport(format, timer, System.out).run(source, suites, name, "1.0.0",
                    0);
            return SuiteFolder.load(result.folder()).tasks().stream().map(LoadedTask::spec).toList();
        } finally {
            deleteTree(suites);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
