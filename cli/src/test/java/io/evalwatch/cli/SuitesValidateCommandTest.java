package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.cli.importer.ReferenceRunner;
import io.evalwatch.events.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SuitesValidateCommandTest {

    private static final String TASK = """
            id: add
            entry_point: add
            prompt: Write add(a, b) returning the sum.
            tests:
              - name: small
                code: assert add(1, 2) == 3
            reference: |
              def add(a, b):
                  return a + b
            """;

    @TempDir
    Path dir;

    @Test
    void aCleanSuiteExitsZeroOffline() throws Exception {
        suite("good", TASK);

        Printed printed = validate(dir.resolve("good").toString(), "--offline");

        assertEquals(0, printed.code(), printed.text());
        assertTrue(printed.text().contains("1 tasks, 0 references checked, 0 failed (offline: references not run);"
                + " 0 problems"), printed.text());
    }

    @Test
    void everyProblemOfEverySuiteIsPrintedWithItsPlace() throws Exception {
        suite("good", TASK);
        suite("bad", TASK.replace("entry_point: add", "entrypoint: add").replace("id: add\n",
                "id: add\ncomplexity: hard\n"));

        Printed printed = validate(dir.toString(), "--offline");

        assertEquals(1, printed.code(), printed.text());
        assertTrue(printed.text().contains("bad/tasks/add.yaml:2:1: complexity: expected a whole number 1..3,"
                + " got \"hard\""), printed.text());
        assertTrue(printed.text().contains("bad/tasks/add.yaml:3:1: unknown field 'entrypoint'; did you mean"
                + " 'entry_point'?"), printed.text());
        assertTrue(printed.text().contains("2 tasks, 0 references checked, 0 failed"), printed.text());
        assertTrue(printed.text().contains("; 3 problems"), printed.text());
    }

    @Test
    void aFolderWithoutSuitesIsAProblem() {
        Printed printed = validate(dir.toString(), "--offline");
        assertEquals(1, printed.code());
        assertTrue(printed.text().contains("no suite here"), printed.text());
    }

    @Test
    void referencesRunAgainstTheirTestsAndFailuresAreCounted() throws Exception {
        suite("good", TASK);
        Files.writeString(dir.resolve("good/tasks/neg.yaml"), TASK.replace("add", "neg")
                .replace("returning the sum", "returning minus a"));
        List<String> ran = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SuiteValidation.Summary summary = new SuiteValidation(new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(dir.resolve("good"), (TaskSpec spec, io.evalwatch.events.EnvironmentSpec env) -> {
                    ran.add(spec.id());
                    return new ReferenceRunner.Outcome(spec.id().startsWith("add"), 0.1, "test small failed");
                });

        String text = out.toString(StandardCharsets.UTF_8);
        // the twin of the reference that passes is run too, and passes; a failing reference's twin is not run
        assertEquals(List.of("add", "add-twin", "neg"), ran);
        assertEquals(new SuiteValidation.Summary(2, 0, 2, 1, 1, 0), summary);
        assertTrue(text.contains("neg.yaml: the reference fails its own tests: test small failed"), text);
        assertTrue(text.contains("1 contamination twins checked, 0 failed"), text);
        assertTrue(text.contains("2 tasks, 2 references checked, 1 failed; 0 problems"), text);
    }

    @Test
    void aTwinThatFailsItsTestsIsAnErrorNamingTheTaskAndTheTwinsOutput() throws Exception {
        suite("good", TASK);
        List<TaskSpec> ran = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SuiteValidation.Summary summary = new SuiteValidation(new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(dir.resolve("good"), (TaskSpec spec, io.evalwatch.events.EnvironmentSpec env) -> {
                    ran.add(spec);
                    boolean twin = spec.id().endsWith("-twin");
                    return new ReferenceRunner.Outcome(!twin, 0.1, twin ? "test small: NameError" : null);
                });

        String text = out.toString(StandardCharsets.UTF_8);
        TaskSpec twin = ran.get(1);
        assertEquals("add-twin", twin.id());
        assertTrue(twin.reference().contains("def " + twin.entryPoint() + "("), twin.reference());
        assertTrue(twin.tests().get(0).code().startsWith("assert " + twin.entryPoint() + "(1, 2)"));
        assertEquals(new SuiteValidation.Summary(1, 0, 1, 0, 1, 1), summary);
        assertFalse(summary.clean(), "a failing twin fails the validation");
        assertTrue(text.contains("add.yaml: the contamination twin add-twin (renamed "), text);
        assertTrue(text.contains(") fails its tests: test small: NameError"), text);
    }

    private void suite(String name, String task) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name).resolve("tasks"));
        Files.writeString(dir.resolve(name).resolve("suite.yaml"), "name: " + name + "\nversion: 1.0.0\n");
        Files.writeString(folder.resolve("add.yaml"), task);
    }

    private record Printed(int code, String text) {
    }

    private static Printed validate(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 2];
            all[0] = "suites";
            all[1] = "validate";
            System.arraycopy(args, 0, all, 2, args.length);
            code = new CommandLine(new EvalwatchCommand()).execute(all);
        } finally {
            System.setOut(out);
        }
        return new Printed(code, printed.toString(StandardCharsets.UTF_8));
    }
}
