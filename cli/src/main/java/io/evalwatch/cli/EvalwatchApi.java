package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The REST calls the CLI makes to task-service and reporting-service. */
public final class EvalwatchApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String taskUrl;
    private final String reportingUrl;
    private final Optional<String> apiKey;

    /** With the key of this process ({@link ApiKey#current()}). */
    public EvalwatchApi(String taskUrl, String reportingUrl) {
        this(taskUrl, reportingUrl, ApiKey.current());
    }

    public EvalwatchApi(String taskUrl, String reportingUrl, Optional<String> apiKey) {
        this.taskUrl = stripSlash(taskUrl);
        this.reportingUrl = stripSlash(reportingUrl);
        this.apiKey = apiKey;
    }

    public JsonNode startRun(JsonNode request) {
        return send(HttpRequest.newBuilder(URI.create(taskUrl + "/api/runs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), "task-service");
    }

    public JsonNode suites() {
        return send(HttpRequest.newBuilder(URI.create(taskUrl + "/api/suites")).GET().build(), "task-service");
    }

    public JsonNode rotation(String suite, int days, double share) {
        return send(HttpRequest.newBuilder(URI.create(taskUrl + "/api/suites/"
                + java.net.URLEncoder.encode(suite, java.nio.charset.StandardCharsets.UTF_8) + "/rotation?days=" + days
                + "&share=" + share)).GET().build(), "task-service");
    }

    /** The run's report, or null while reporting has not seen the run yet. */
    public JsonNode reportOrNull(String runId) {
        try {
            return report(runId);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The run's counts per stage, or null while reporting has seen neither the run nor any of its items. */
    public JsonNode progressOrNull(String runId) {
        try {
            return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs/" + encode(runId) + "/progress"))
                    .GET().build(), "reporting-service");
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Run b against run a, item by item. */
    public JsonNode compare(String a, String b) {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/compare?a=" + encode(a) + "&b="
                + encode(b))).GET().build(), "reporting-service");
    }

    /** A model's results run after run, oldest first; suite may be null. */
    public JsonNode history(String model, String suite, int limit) {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/models/" + encode(model) + "/history?limit="
                + limit + (suite == null ? "" : "&suite=" + encode(suite)))).GET().build(), "reporting-service");
    }

    /** A comparison stream with its runs and reference changes. */
    public JsonNode stream(String streamId) {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/streams/" + encode(streamId))).GET()
                .build(), "reporting-service");
    }

    public JsonNode report(String runId) {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs/" + runId + "/report")).GET().build(),
                "reporting-service");
    }

    public JsonNode items(String runId) {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs/" + runId + "/items")).GET().build(),
                "reporting-service");
    }

    public JsonNode regression(String runId, String baselineRunId) {
        String query = baselineRunId == null ? "" : "?baseline=" + java.net.URLEncoder.encode(baselineRunId,
                java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs/" + runId + "/regression" + query))
                .GET().build(), "reporting-service");
    }

    /**
     * A report as a document (reporting-service renders it): path is "report" or "regression", format "html" or
     * "markdown"; charts, for Markdown, the prefix of each chart's image link (null for tables alone).
     */
    public String reportDocument(String runId, String path, String format, String baselineRunId, String charts) {
        StringBuilder query = new StringBuilder("?format=").append(format);
        if (baselineRunId != null) {
            query.append("&baseline=").append(encode(baselineRunId));
        }
        if (charts != null) {
            query.append("&charts=").append(encode(charts));
        }
        return exchange(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs/" + encode(runId) + "/" + path
                + query)).GET().build(), "reporting-service");
    }

    /** One chart of a report as an SVG file: path "report" or "regression", name as the document links it. */
    public String reportChart(String runId, String path, String name, String baselineRunId) {
        String query = baselineRunId == null ? "" : "?baseline=" + encode(baselineRunId);
        return exchange(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs/" + encode(runId) + "/" + path
                + "/charts/" + encode(name) + ".svg" + query)).GET().build(), "reporting-service");
    }

    public JsonNode alerts(String status) {
        String query = status == null ? "" : "?status=" + status;
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/alerts" + query)).GET().build(),
                "reporting-service");
    }

    public JsonNode frontier(String suite) {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/frontier?suite="
                + java.net.URLEncoder.encode(suite, java.nio.charset.StandardCharsets.UTF_8))).GET().build(),
                "reporting-service");
    }

    /** Comparison streams, filtered by suite, model and run (any may be null). */
    public JsonNode streams(String suite, String model, String run) {
        StringBuilder query = new StringBuilder();
        for (String[] p : new String[][] {{"suite", suite}, {"model", model}, {"run", run}}) {
            if (p[1] != null) {
                query.append(query.length() == 0 ? '?' : '&').append(p[0]).append('=')
                        .append(java.net.URLEncoder.encode(p[1], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/streams" + query)).GET().build(),
                "reporting-service");
    }

    /** Accepts a run as a stream's new reference. */
    public JsonNode acceptReference(String streamId, String runId, String by, String note) {
        ObjectNode body = JSON.createObjectNode().put("runId", runId).put("by", by).put("note", note);
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/streams/" + streamId + "/reference"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), "reporting-service");
    }

    /** Runs generator-service's endpoint check for one model, or for every configured model when model is null. */
    public JsonNode checkModels(String generatorUrl, String model) {
        String base = stripSlash(generatorUrl) + "/api/models/";
        String path = model == null ? "check"
                : java.net.URLEncoder.encode(model, java.nio.charset.StandardCharsets.UTF_8) + "/check";
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                "generator-service");
    }

    /** The environments a suite declares, each with its spec and the tasks that use it (task-service). */
    public JsonNode suiteEnvironments(String suite) {
        return send(HttpRequest.newBuilder(URI.create(taskUrl + "/api/suites/"
                + java.net.URLEncoder.encode(suite, java.nio.charset.StandardCharsets.UTF_8) + "/environments"))
                .GET().build(), "task-service");
    }

    /**
     * Asks sandbox-service to build an environment, waiting up to {@code waitSeconds}: 200 ready (with its lock),
     * 202 still building (with progress), 422 failed (naming the package). The answer is returned whatever its status.
     */
    public EnvironmentAnswer buildEnvironment(String sandboxUrl, JsonNode spec, int waitSeconds, boolean refresh) {
        HttpRequest request = ApiKey.authorize(HttpRequest.newBuilder(URI.create(stripSlash(sandboxUrl)
                        + "/api/environments?wait=" + waitSeconds + (refresh ? "&refresh=true" : "")))
                .timeout(Duration.ofSeconds(waitSeconds + 30L))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec.toString())).build(), apiKey);
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw refusedForKey(response.statusCode(), body, "sandbox-service");
            }
            if (response.statusCode() >= 500 || response.statusCode() == 404) {
                throw new ApiException(response.statusCode(), "sandbox-service answered " + response.statusCode()
                        + ": " + response.body());
            }
            return new EnvironmentAnswer(response.statusCode(), body);
        } catch (ConnectException e) {
            throw new ApiException(0, "sandbox-service is not reachable at " + request.uri().getHost() + ":"
                    + request.uri().getPort() + ". Is the stack running? Start it with: ./evalwatch up, or give"
                    + " --sandbox-url");
        } catch (IOException e) {
            throw new ApiException(0, "calling sandbox-service failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    /** Built environments (sandbox-service), or one by its lock hash. */
    public JsonNode environments(String sandboxUrl, String lockHash) {
        String path = lockHash == null ? "" : "/" + java.net.URLEncoder.encode(lockHash,
                java.nio.charset.StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(stripSlash(sandboxUrl) + "/api/environments" + path)).GET()
                .build(), "sandbox-service");
    }

    /** sandbox-service's answer to a build request. */
    public record EnvironmentAnswer(int status, JsonNode body) {
        public boolean ready() {
            return status == 200;
        }

        public boolean building() {
            return status == 202;
        }
    }

    /** Draws a review sample of a run's scored items (reporting-service); seed null for a fresh one. */
    public JsonNode createReviewSample(String runId, double minutes, double secondsPerItem, Long seed) {
        ObjectNode body = JSON.createObjectNode().put("minutes", minutes).put("secondsPerItem", secondsPerItem);
        if (seed != null) {
            body.put("seed", seed);
        }
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs/" + encode(runId) + "/review/samples"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), "reporting-service");
    }

    /** Posts one reviewer's verdicts on a review sample, replacing that reviewer's earlier ones. */
    public JsonNode postReviewVerdicts(String runId, String sampleId, JsonNode verdicts) {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs/" + encode(runId) + "/review/samples/"
                        + encode(sampleId) + "/verdicts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(verdicts.toString())).build(), "reporting-service");
    }

    /** What reviewers said about a run, per model, with their agreement. */
    public JsonNode reviewSummary(String runId) {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs/" + encode(runId) + "/review/summary"))
                .GET().build(), "reporting-service");
    }

    /** A task as a stored suite version holds it (task-service), prompt included. */
    public JsonNode archivedTask(String suite, String version, String taskId) {
        return send(HttpRequest.newBuilder(URI.create(taskUrl + "/api/suites/" + encode(suite) + "/versions/"
                + encode(version) + "/tasks/" + encode(taskId))).GET().build(), "task-service");
    }

    private static String encode(String pathSegment) {
        return java.net.URLEncoder.encode(pathSegment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    public JsonNode runs() {
        return send(HttpRequest.newBuilder(URI.create(reportingUrl + "/api/runs")).GET().build(), "reporting-service");
    }

    private JsonNode send(HttpRequest unauthorized, String service) {
        String body = exchange(unauthorized, service);
        return body.isBlank() ? JSON.createObjectNode() : parse(body);
    }

    /** The answer's body; a refusal, an error status or an unreachable service as an ApiException for people. */
    private String exchange(HttpRequest unauthorized, String service) {
        HttpRequest request = ApiKey.authorize(unauthorized, apiKey);
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw refusedForKey(response.statusCode(), errorBody(response), service);
            }
            if (response.statusCode() >= 400) {
                JsonNode body = errorBody(response);
                // problem details (RFC 9457) carry detail; older answers error or details
                String message = body.path("detail").asText(body.path("error").asText(
                        body.path("details").asText(response.body())));
                throw new ApiException(response.statusCode(), service + " answered " + response.statusCode() + ": "
                        + message);
            }
            return response.body();
        } catch (ConnectException e) {
            throw new ApiException(0, service + " is not reachable at " + request.uri().getHost() + ":"
                    + request.uri().getPort() + ". Is the stack running? Start it with: ./evalwatch up");
        } catch (IOException e) {
            throw new ApiException(0, "calling " + service + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    private static JsonNode errorBody(HttpResponse<String> response) {
        return response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
    }

    /** 401: no key or an unknown one; 403: a key whose role is too low. Both say how to give the CLI a key. */
    static ApiException refusedForKey(int status, JsonNode body, String service) {
        String said = body.path("detail").asText(body.path("error").asText(""));
        String what = status == 401 ? "no valid API key was sent" : "the API key's role does not allow this";
        return new ApiException(status, service + " answered " + status + ": " + what
                + (said.isBlank() ? "" : " (" + said + ")") + ". To use another key, " + ApiKey.HOW_TO_PROVIDE);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("error", body);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A failed call, with a message meant for the person at the terminal. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        public ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
