package io.evalwatch.cli.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.ApiKey;
import io.evalwatch.events.TestCase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs references through sandbox-service's {@code POST /api/executions}, with the same isolation and limits as
 * an evaluation, in the environment the suite declares (the format's {@code environment:}, built by the sandbox
 * at the first run that needs it). A busy sandbox (503 with Retry-After) is waited for, not counted as a failure.
 */
public final class SandboxReferenceRunner implements ReferenceRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final JsonNode environment;
    private final Integer memoryMb;
    private final Optional<String> apiKey = ApiKey.current();

    public SandboxReferenceRunner(String sandboxUrl) {
        this(sandboxUrl, null, null);
    }

    /**
     * @param environment the suite's environment as suite.yaml declares it, or null for the plain sandbox
     * @param memoryMb the memory limit of every reference's run, or null for the sandbox's default
     */
    public SandboxReferenceRunner(String sandboxUrl, JsonNode environment, Integer memoryMb) {
        this.url = sandboxUrl.replaceAll("/+$", "");
        this.environment = environment;
        this.memoryMb = memoryMb;
    }

    /** The environment a format writes into suite.yaml, or null when it declares none. */
    public static JsonNode environmentOf(BenchmarkFormat format) {
        ObjectNode suite = JSON.createObjectNode();
        format.describeSuite(suite);
        return suite.get("environment");
    }

    public String url() {
        return url;
    }

    /** Whether anything answers HTTP at the sandbox's address (its health endpoint). */
    public boolean reachable() {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url + "/q/health")).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Outcome run(ImportedTask task, double wallSeconds) throws ImportException {
        return run(task.id(), "python", task.reference(), task.entryPoint(), task.tests(), wallSeconds, environment,
                memoryMb);
    }

    /**
     * Runs code against tests as an evaluation would, in the given environment (as suite.yaml declares one; null
     * for the plain sandbox) and memory limit (null for the sandbox's default).
     */
    public Outcome run(String taskId, String language, String code, String entryPoint, List<TestCase> testCases,
            double wallSeconds, JsonNode environment, Integer memoryMb) throws ImportException {
        ObjectNode body = JSON.createObjectNode();
        body.put("language", language);
        body.put("code", code);
        body.put("entryPoint", entryPoint);
        ArrayNode tests = body.putArray("tests");
        for (TestCase test : testCases) {
            tests.addObject().put("name", test.name()).put("code", test.code()).put("edge", test.edge());
        }
        ObjectNode limits = body.putObject("limits").put("wallSeconds", wallSeconds);
        if (memoryMb != null) {
            limits.put("memoryMb", memoryMb);
        }
        if (environment != null) {
            body.set("environment", environment);
        }
        HttpRequest request = ApiKey.authorize(HttpRequest.newBuilder(URI.create(url + "/api/executions"))
                .timeout(Duration.ofSeconds((long) wallSeconds + 300))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), apiKey);
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new ImportException("sandbox-service is not reachable at " + url + "; start the stack"
                        + " (./evalwatch up), give --sandbox-url, or import with --no-measure", e);
            } catch (HttpTimeoutException e) {
                throw new ImportException("sandbox-service at " + url + " did not answer for task " + taskId, e);
            } catch (IOException e) {
                throw new ImportException("sandbox-service at " + url + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportException("interrupted while measuring " + taskId, e);
            }
            if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()
                    && attempt < 120) {
                pause(1000L * Math.min(5, attempt + 1));
                continue;
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new ImportException("sandbox-service at " + url + " refused to run references ("
                        + response.statusCode() + "): executions need an operator key; " + ApiKey.HOW_TO_PROVIDE
                        + "; or import with --no-measure");
            }
            if (response.statusCode() != 200) {
                throw new ImportException("sandbox-service at " + url + " answered " + response.statusCode()
                        + " for task " + taskId + ": " + response.body());
            }
            return outcome(response.body());
        }
    }

    static Outcome outcome(String body) throws ImportException {
        JsonNode result;
        try {
            result = JSON.readTree(body);
        } catch (IOException e) {
            throw new ImportException("sandbox-service answered something other than an execution result: " + body, e);
        }
        double seconds = result.path("durationSeconds").asDouble();
        String outcome = result.path("outcome").asText();
        if (!"completed".equals(outcome)) {
            return new Outcome(false, seconds, outcome + ": " + result.path("message").asText());
        }
        for (JsonNode test : result.path("tests")) {
            if (!"passed".equals(test.path("status").asText())) {
                return new Outcome(false, seconds, "test " + test.path("name").asText() + " "
                        + test.path("status").asText() + ": " + test.path("exceptionType").asText("") + " "
                        + abbreviate(test.path("message").asText("")));
            }
        }
        return new Outcome(true, seconds, null);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    private static void pause(long millis) throws ImportException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("interrupted while waiting for a sandbox slot", e);
        }
    }
}
