package io.evalwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The parts of Prometheus' HTTP API (v1) the dashboard test reads: instant queries, label values, rules, alerts. */
final class PrometheusApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    PrometheusApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** What an instant query returned: an error, or the sample values of its result (vector or scalar). */
    record Answer(String error, List<Double> values) {

        boolean hasNumbers() {
            return error == null && values.stream().anyMatch(v -> !v.isNaN());
        }

        String describe() {
            if (error != null) {
                return "query error: " + error;
            }
            return values.isEmpty() ? "no data" : "only NaN (" + values.size() + " series)";
        }
    }

    /** An instant query at the current time. */
    Answer query(String expr) {
        JsonNode body = get("/api/v1/query?query=" + encode(expr));
        if (!"success".equals(body.path("status").asText())) {
            return new Answer(body.path("errorType").asText() + ": " + body.path("error").asText(), List.of());
        }
        JsonNode data = body.path("data");
        List<Double> values = new ArrayList<>();
        switch (data.path("resultType").asText()) {
            case "vector" -> data.path("result").forEach(s -> values.add(number(s.path("value").path(1))));
            case "scalar" -> values.add(number(data.path("result").path(1)));
            case "matrix" -> data.path("result")
                    .forEach(s -> s.path("values").forEach(v -> values.add(number(v.path(1)))));
            default -> {
                return new Answer("unexpected result type " + data.path("resultType").asText(), List.of());
            }
        }
        return new Answer(null, values);
    }

    /** The values of a label among the series of a selector: what Grafana's label_values(metric, label) shows. */
    List<String> labelValues(String label, String selector) {
        JsonNode body = get("/api/v1/label/" + label + "/values?match[]=" + encode(selector));
        List<String> values = new ArrayList<>();
        body.path("data").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The loaded rule groups, with each rule's health and last evaluation error. */
    JsonNode ruleGroups() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    /** Alerts that are pending or firing now. */
    JsonNode alerts() {
        return get("/api/v1/alerts").path("data").path("alerts");
    }

    JsonNode activeTargets() {
        return get("/api/v1/targets?state=active").path("data").path("activeTargets");
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            // errors (400 bad_data, 422 execution) come back as JSON with status "error"
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus did not answer " + pathAndQuery + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double number(JsonNode value) {
        // Prometheus writes sample values as strings: "0.5", "NaN", "+Inf"
        return switch (value.asText()) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value.asText());
        };
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
