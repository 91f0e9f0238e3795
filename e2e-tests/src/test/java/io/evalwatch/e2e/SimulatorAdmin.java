package io.evalwatch.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The model-simulator's admin calls (the silent vendor update, and back), and plain HTTP calls of the tests; every
 * call carries the stack's admin key.
 */
final class SimulatorAdmin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SimulatorAdmin() {
    }

    static void forceVersion(String model, String version) {
        send(HttpRequest.newBuilder(URI.create(StackFixture.stack().url("model-simulator") + "/admin/models/" + model
                        + "/version")).header("Content-Type", "application/json")
                .header("Authorization", StackFixture.bearer())
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"" + version + "\"}")).build());
    }

    static void scheduledVersion(String model) {
        send(HttpRequest.newBuilder(URI.create(StackFixture.stack().url("model-simulator") + "/admin/models/" + model
                + "/version")).header("Authorization", StackFixture.bearer()).DELETE().build());
    }

    static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", StackFixture.bearer())
                            .GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        }
    }

    static String post(String url, String json) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("Authorization", StackFixture.bearer())
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("POST " + url + " failed: " + e.getMessage(), e);
        }
    }

    static void delete(String url) {
        send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", StackFixture.bearer()).DELETE().build());
    }

    private static void send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode()
                        + ": " + r.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(request.uri() + " failed: " + e.getMessage(), e);
        }
    }
}
