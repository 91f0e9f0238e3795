package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.EvalwatchCommand;
import io.evalwatch.cli.RunWatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Suite environments through the whole pipeline (real broker, PostgreSQL, packaged services, real sandbox): a suite
 * whose tasks import numpy passes in its environment and fails with missing_dependency without one, side by side;
 * each run records its lock; a changed environment is a new segment of the same stream.
 */
class SuiteEnvironmentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "sim-delta"; // answers every task with its reference

    @Test
    void aSuiteRunsInItsOwnEnvironmentAndAChangedEnvironmentIsANewSegment() throws Exception {
        EvalwatchApi api = StackFixture.api();
        String numpy = "environment:\n  python:\n    packages: [numpy]\n    preload: [numpy]\n";
        writeSuite("numeric", numpy);
        writeSuite("numeric-plain", "");

        // built ahead of the first run, with the CLI a user would use
        String built = cli("env", "build", "numeric");
        assertTrue(built.contains("ready: lock "), built);
        String lock = built.replaceAll("(?s).*ready: lock ([0-9a-f]{16}).*", "$1");

        String first = runAndWait(api, "numeric", "numpy-env");
        JsonNode items = api.items(first);
        assertEquals(3, items.size(), items.toPrettyString());
        items.forEach(i -> assertTrue(i.path("passed").asBoolean(), "in its environment: " + i.toPrettyString()));
        assertEquals(lock, stream(first).path("environmentHash").asText(), "the run records its lock");

        // the same tasks without the environment, side by side: a clear missing dependency, nothing else
        String plain = runAndWait(api, "numeric-plain", "numpy-plain");
        api.items(plain).forEach(i -> assertEquals("missing_dependency", i.path("failureCategory").asText(),
                i.toPrettyString()));
        assertNull(stream(plain).get("environmentHash").textValue(), "the plain sandbox has no lock");

        // another environment for the same suite: the same stream, a new segment, a new reference
        JsonNode analysisBefore = Verdicts.awaitAnalysis(api, first).path("models").get(0);
        writeSuite("numeric", numpy.replace("[numpy]\n    preload", "[numpy, mccabe]\n    preload"));
        String second = runAndWait(api, "numeric", "numpy-env");
        JsonNode streamAfter = stream(second);
        assertNotEquals(lock, streamAfter.path("environmentHash").asText());
        assertEquals(stream(first).path("streamId").asText(), streamAfter.path("streamId").asText());
        assertNotEquals(stream(first).path("segment").asText(), streamAfter.path("segment").asText());
        JsonNode analysis = Verdicts.awaitAnalysis(api, second).path("models").get(0);
        assertEquals("segment_changed", analysis.path("stream").path("referenceChanged").asText(),
                analysis.toPrettyString());
        assertEquals(analysisBefore.path("stream").path("streamId").asText(),
                analysis.path("stream").path("streamId").asText());

        // what was built, as a user reads it
        String list = cli("env", "list");
        assertTrue(list.contains(lock) && list.contains(streamAfter.path("environmentHash").asText()), list);
        String show = cli("env", "show", lock);
        assertTrue(show.contains("numpy"), show);
    }

    @Test
    void aPackageThatDoesNotExistIsRefusedAtRunStartNamingIt() throws Exception {
        writeSuite("numeric-typo", "environment:\n  python:\n    packages: [nonexistent-package-xyz]\n");
        ObjectNode request = JSON.createObjectNode().put("suite", "numeric-typo").put("samples", 1);
        request.putPOJO("models", List.of(MODEL));
        EvalwatchApi.ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(
                EvalwatchApi.ApiException.class, () -> StackFixture.api().startRun(request));
        assertEquals(422, refused.status(), refused.getMessage());
        assertTrue(refused.getMessage().contains("nonexistent-package-xyz"), refused.getMessage());
        String built = cli("env", "build", "numeric-typo");
        assertTrue(built.contains("FAILED") && built.contains("nonexistent-package-xyz"), built);
    }

    // ---- helpers

    /** Three numpy tasks under a suite name, for task-service and the simulated vendor alike. */
    private static void writeSuite(String name, String environment) throws IOException {
        StackFixture.stack(); // the stack lays out its suite folders when it starts: write after that
        for (Path suites : List.of(StackFixture.taskSuites(), StackFixture.simulatorSuites())) {
            Path dir = suites.resolve(name);
            Files.createDirectories(dir.resolve("tasks"));
            Files.writeString(dir.resolve("suite.yaml"), "name: " + name + "\nversion: 1.0.0\n"
                    + "description: tasks that import numpy\n" + environment);
            task(dir, "np-mean", "mean", "Return the arithmetic mean of the list xs as a float, using numpy.",
                    "import numpy as np\n\ndef mean(xs):\n    return float(np.mean(np.array(xs, dtype=float)))\n",
                    "assert mean([1, 2, 3]) == 2.0", "assert mean([-1.5]) == -1.5");
            task(dir, "np-dot", "dot", "Return the dot product of the lists a and b as an int, using numpy.",
                    "import numpy as np\n\ndef dot(a, b):\n    return int(np.dot(np.array(a), np.array(b)))\n",
                    "assert dot([1, 2], [3, 4]) == 11", "assert dot([], []) == 0");
            task(dir, "np-argmax", "argmax", "Return the index of the largest value of xs, using numpy.",
                    "import numpy as np\n\ndef argmax(xs):\n    return int(np.argmax(np.array(xs)))\n",
                    "assert argmax([1, 5, 2]) == 1", "assert argmax([7]) == 0");
        }
    }

    private static void task(Path suite, String id, String entryPoint, String prompt, String reference,
            String test, String edgeTest) throws IOException {
        String yaml = "id: " + id + "\ncategory: numeric\nlanguage: python\nentry_point: " + entryPoint + "\n"
                + "timeout_seconds: 10\nprompt: |\n  " + prompt + "\n\n  def " + entryPoint + "(...):\n"
                + "reference: |\n" + reference.indent(2)
                + "tests:\n  - name: basic\n    code: \"" + test + "\"\n"
                + "  - name: edge\n    edge: true\n    code: \"" + edgeTest + "\"\n";
        Files.writeString(suite.resolve("tasks").resolve(id + ".yaml"), yaml);
    }

    private static String runAndWait(EvalwatchApi api, String suite, String series) {
        ObjectNode request = JSON.createObjectNode().put("suite", suite).put("samples", 1).put("series", series);
        request.putPOJO("models", List.of(MODEL));
        JsonNode run = api.startRun(request);
        new RunWatcher(api, System.out).await(run.path("runId").asText(), run.path("expectedItems").asInt(),
                Duration.ofMinutes(5));
        return run.path("runId").asText();
    }

    /** The run's stream key as task-service recorded it. */
    private static JsonNode stream(String runId) throws IOException {
        return JSON.readTree(SimulatorAdmin.get(StackFixture.stack().url("task-service") + "/api/runs/" + runId))
                .path("streams").get(0);
    }

    /** Runs the CLI against the test stack; returns what it printed, after checking its exit code. */
    private static String cli(String... args) {
        var stack = StackFixture.stack();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (args[1].equals("build")) {
            all.addAll(List.of("--task-url", stack.url("task-service")));
        }
        all.addAll(List.of("--sandbox-url", stack.url("sandbox-service")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        synchronized (System.class) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                exit = EvalwatchCommand.commandLine().execute(all.toArray(String[]::new));
            } finally {
                System.setOut(original);
            }
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        boolean failedBuild = printed.contains("FAILED");
        assertEquals(failedBuild ? 1 : 0, exit, printed);
        assertNotNull(printed);
        return printed;
    }
}
