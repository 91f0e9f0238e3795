package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What makes a stream's verdicts trustworthy, end to end (real broker, PostgreSQL, packaged services, simulator):
 * provenance a client cannot forge, runs that are not fit to judge a model flagged invalid instead of alerting on it,
 * suite versions whose content cannot change under them, and history that continues across a version bump.
 */
class StreamTrustIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aClientCannotForgeTriggerOrMonitor() throws Exception {
        HttpResponse<String> r = postRuns("{\"suite\":\"starter\",\"models\":[\"sim-beta\"],\"samples\":1,"
                + "\"trigger\":\"schedule\",\"monitor\":\"" + StackFixture.DRIFT_MONITOR + "\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("trigger") && r.body().contains("monitor"), r.body());
    }

    @Test
    void aSuiteTheSimulatorDoesNotKnowMakesAnInvalidRunThenItLearnsItWithoutARestart() throws Exception {
        EvalwatchApi api = StackFixture.api();
        String suite = "unknown-to-sim";
        // prompts of its own (the simulator recognises a task by its prompt): task-service sees it, the simulator not yet
        copyStarter(suite, "1.0.0", StackFixture.taskSuites(), "From the payments team's backlog.");
        String series = "invalid-check";

        String invalidRun = runAndWait(api, suite, "sim-beta", 1, series);
        JsonNode beta = Verdicts.awaitAnalysis(api, invalidRun).path("models").get(0);
        assertEquals("invalid", beta.path("verdict").asText(), beta.toPrettyString());
        assertTrue(beta.path("stream").path("health").path("problems").get(0).asText().startsWith("no code"),
                beta.toPrettyString());
        String streamId = beta.path("stream").path("streamId").asText();
        List<String> open = signals(Verdicts.openAlerts(streamId));
        assertEquals(List.of("RunInvalid"), open, "an invalid run raises RunInvalid and no model alert");

        // the simulator learns the suite from its folder without a restart; the next run is valid
        copyStarter(suite, "1.0.0", StackFixture.simulatorSuites(), "From the payments team's backlog.");
        String validRun = runAndWait(api, suite, "sim-beta", 1, series);
        JsonNode valid = Verdicts.awaitAnalysis(api, validRun).path("models").get(0);
        assertEquals("valid", valid.path("stream").path("validity").asText(), valid.toPrettyString());
        assertEquals("first_valid", valid.path("stream").path("referenceChanged").asText(),
                "the invalid run never became the reference");
        assertEquals(List.of(), signals(Verdicts.openAlerts(streamId)), "the stream's valid run resolved RunInvalid");
    }

    @Test
    void aUsedSuiteVersionCannotChangeAndABumpKeepsUnchangedTasksPaired() throws Exception {
        EvalwatchApi api = StackFixture.api();
        String suite = "versioned";
        copyStarter(suite, "1.0.0", StackFixture.taskSuites(), null);
        copyStarter(suite, "1.0.0", StackFixture.simulatorSuites(), null);
        String series = "versions";
        String v1 = runAndWait(api, suite, "sim-beta", 2, series);
        assertEquals("first_valid", Verdicts.awaitAnalysis(api, v1).path("models").get(0).path("stream")
                .path("referenceChanged").asText());

        // the same version with changed content is refused, naming the version and the task
        Path task = StackFixture.taskSuites().resolve(suite).resolve("tasks/luhn-checksum.yaml");
        String original = Files.readString(task);
        Files.writeString(task, original.replace("timeout_seconds: 5", "timeout_seconds: 6"));
        assertTrue(!original.equals(Files.readString(task)), "the edit changed the task");
        HttpResponse<String> refused = postRuns("{\"suite\":\"" + suite + "\",\"models\":[\"sim-beta\"],"
                + "\"samples\":2,\"series\":\"" + series + "\"}");
        assertTrue(refused.statusCode() == 400 || refused.statusCode() == 409, refused.statusCode() + " " + refused.body());
        assertTrue(refused.body().contains("luhn-checksum") && refused.body().contains("1.0.0"), refused.body());

        // bumped: a new segment of the same stream; the nine unchanged tasks stay paired with version 1.0.0's run
        Path suiteYaml = StackFixture.taskSuites().resolve(suite).resolve("suite.yaml");
        Files.writeString(suiteYaml, Files.readString(suiteYaml).replace("version: 1.0.0", "version: 1.1.0"));
        String v2 = runAndWait(api, suite, "sim-beta", 2, series);
        JsonNode beta = Verdicts.awaitAnalysis(api, v2).path("models").get(0);
        assertEquals("segment_changed", beta.path("stream").path("referenceChanged").asText(), beta.toPrettyString());
        assertEquals(v1, beta.path("previousRunId").asText());
        assertEquals(18, beta.path("stream").path("previous").path("pairs").asInt(), "9 unchanged tasks x 2 samples");
        assertEquals("[\"luhn-checksum\"]", beta.path("stream").path("taskChanges").path("changed").toString());
    }

    // ---- helpers

    /**
     * A copy of the starter suite under another name and version; with a note, tasks of its own (ids prefixed with
     * the suite's name, the note in every prompt after its first line).
     */
    private static void copyStarter(String name, String version, Path suites, String promptNote) throws IOException {
        Path target = suites.resolve(name);
        Files.createDirectories(target.resolve("tasks"));
        Path starter = StackFixture.root().resolve("suites/starter");
        Files.writeString(target.resolve("suite.yaml"), Files.readString(starter.resolve("suite.yaml"))
                .replace("name: starter", "name: " + name).replace("version: 1.1.0", "version: " + version));
        try (var files = Files.list(starter.resolve("tasks"))) {
            for (Path f : files.toList()) {
                String yaml = Files.readString(f);
                String file = f.getFileName().toString();
                if (promptNote != null) {
                    // tasks of their own: other ids (the simulator knows a task by its id across suites) and a note
                    // after the prompt's first line (it recognises a task when a message contains its whole prompt)
                    yaml = yaml.replaceFirst("(?m)^id: ", "id: " + name + "-")
                            .replaceFirst("(prompt: \\|\\n  [^\\n]*\\n)", "$1  " + promptNote + "\n");
                    file = name + "-" + file;
                }
                Files.writeString(target.resolve("tasks").resolve(file), yaml);
            }
        }
    }

    private static HttpResponse<String> postRuns(String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(StackFixture.stack().url("task-service") + "/api/runs"))
                .header("Content-Type", "application/json").header("Authorization", StackFixture.bearer())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String runAndWait(EvalwatchApi api, String suite, String model, int samples, String series) {
        ObjectNode request = JSON.createObjectNode();
        request.put("suite", suite);
        request.putPOJO("models", List.of(model));
        request.put("samples", samples);
        request.put("series", series);
        JsonNode run = api.startRun(request);
        new RunWatcher(api, System.out).await(run.path("runId").asText(), run.path("expectedItems").asInt(),
                Duration.ofMinutes(5));
        return run.path("runId").asText();
    }

    private static List<String> signals(JsonNode alerts) {
        List<String> signals = new ArrayList<>();
        alerts.forEach(a -> signals.add(a.path("signal").asText()));
        return signals;
    }
}
