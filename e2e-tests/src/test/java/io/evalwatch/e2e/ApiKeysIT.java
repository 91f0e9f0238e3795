package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.localstack.LocalStack;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's acceptance for keys: every mutating endpoint of every service answers 401 without a key and 403 with a
 * viewer key, and lets an operator key through (the calls are built to be refused by the endpoint itself, so
 * nothing is changed); reads need a viewer key; health and metrics stay open; the services listen on 127.0.0.1
 * only; sandbox-service holds no secret, and code it runs cannot reach a service.
 */
class ApiKeysIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A mutating call: service, method, path, body. Each names something absent, or is invalid, on purpose. */
    private record Call(String service, String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + service + path;
        }
    }

    private static final List<Call> MUTATIONS = List.of(
            new Call("task-service", "POST", "/api/runs", "{}"),
            new Call("task-service", "POST", "/api/monitors/no-such-monitor/runs", "{}"),
            new Call("reporting-service", "POST", "/api/streams/no-such-stream/reference", "{}"),
            new Call("reporting-service", "POST", "/api/alerts/no-such-alert/acknowledge", "{}"),
            new Call("reporting-service", "POST", "/api/alerts/no-such-alert/resolve", "{}"),
            new Call("reporting-service", "POST", "/api/alerts/alertmanager", "{}"),
            new Call("sandbox-service", "POST", "/api/executions", "{}"),
            new Call("sandbox-service", "POST", "/api/environments", "{}"),
            new Call("generator-service", "POST", "/api/models/no-such-model/check", ""),
            new Call("model-simulator", "POST", "/admin/models/no-such-model/version", "{\"version\":\"x\"}"),
            new Call("model-simulator", "DELETE", "/admin/models/no-such-model/version", ""));

    @Test
    void everyMutationNeedsAnOperatorKey() throws Exception {
        refusalsAndAcceptances();
    }

    /** The acceptance itself; SecretsIT runs it too, so that every key has been presented before it scans. */
    static void refusalsAndAcceptances() throws Exception {
        LocalStack stack = StackFixture.stack();
        List<String> wrong = new ArrayList<>();
        for (Call call : MUTATIONS) {
            HttpResponse<String> none = send(stack, call, null);
            if (none.statusCode() != 401 || !none.headers().firstValue("WWW-Authenticate").orElse("").equals("Bearer")
                    || !problem(none)) {
                wrong.add(call + " without a key: " + none.statusCode() + " " + none.body());
            }
            HttpResponse<String> unknown = send(stack, call, "not-a-key-" + System.nanoTime());
            if (unknown.statusCode() != 401) {
                wrong.add(call + " with an unknown key: " + unknown.statusCode());
            }
            HttpResponse<String> viewer = send(stack, call, StackFixture.VIEWER_KEY);
            if (viewer.statusCode() != 403 || !problem(viewer)) {
                wrong.add(call + " with a viewer key: " + viewer.statusCode() + " " + viewer.body());
            }
            HttpResponse<String> operator = send(stack, call, StackFixture.OPERATOR_KEY);
            if (operator.statusCode() == 401 || operator.statusCode() == 403 || operator.statusCode() >= 500) {
                wrong.add(call + " with an operator key: " + operator.statusCode() + " " + operator.body());
            }
        }
        assertEquals(List.of(), wrong, "answers that break the rule: no key 401, viewer 403, operator through");
    }

    @Test
    void readsNeedAViewerKeyWhileHealthAndMetricsStayOpen() throws Exception {
        LocalStack stack = StackFixture.stack();
        Call runs = new Call("reporting-service", "GET", "/api/runs", null);
        assertEquals(401, send(stack, runs, null).statusCode());
        assertEquals(200, send(stack, runs, StackFixture.VIEWER_KEY).statusCode());
        for (var s : stack.services()) {
            assertEquals(200, send(stack, new Call(s.name(), "GET", "/q/health/ready", null), null).statusCode(),
                    s.name() + " health");
            assertEquals(200, send(stack, new Call(s.name(), "GET", "/q/metrics", null), null).statusCode(),
                    s.name() + " metrics (Prometheus scrapes without a key)");
        }
    }

    @Test
    void servicesListenOnLoopbackOnly() throws Exception {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                        .forEach(others::add);
            }
        }
        LocalStack stack = StackFixture.stack();
        for (var s : stack.services()) {
            assertTrue(reachable(InetAddress.getLoopbackAddress(), s.port()), s.name() + " on 127.0.0.1");
            for (InetAddress address : others) {
                assertFalse(reachable(address, s.port()), s.name() + " must not answer on " + address);
            }
        }
    }

    @Test
    void sandboxServiceHoldsNoSecret() throws Exception {
        LocalStack stack = StackFixture.stack();
        long pid = Long.parseLong(Files.readString(stack.stateDir().resolve("pids/sandbox-service.pid")).strip());
        String environ = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8);
        String cmdline = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
        for (String secret : List.of(StackFixture.PLANTED_API_KEY, stack.apiKey())) {
            assertFalse(environ.contains(secret), "sandbox-service's environment holds a key");
            assertFalse(cmdline.contains(secret), "sandbox-service's command line holds a key");
        }
        // it reads the hashed keys file (api-keys), never the key file: it calls nobody, so it has no client key
        assertFalse(cmdline.contains("evalwatch.auth.client-key"), "sandbox-service is given a client key");
        assertTrue(cmdline.contains("evalwatch.auth.keys-file="), "sandbox-service checks keys like every service");
        assertFalse(environ.contains("EVALWATCH_SIMULATOR_API_KEY="), environ.replace('\0', ' '));
    }

    @Test
    void codeInTheSandboxCannotReachAService() throws Exception {
        LocalStack stack = StackFixture.stack();
        String health = stack.url("task-service") + "/q/health";
        String code = """
                import urllib.request
                def fetch(url):
                    return urllib.request.urlopen(url, timeout=2).status
                """;
        String body = JSON.createObjectNode().put("language", "python").put("code", code).put("entryPoint", "fetch")
                .set("tests", JSON.createArrayNode().add(JSON.createObjectNode().put("name", "reach")
                        .put("code", "assert fetch('" + health + "') == 200"))).toString();
        // the service answers the test itself: the address is right
        assertEquals(200, send(stack, new Call("task-service", "GET", "/q/health", null), null).statusCode());
        HttpResponse<String> response = send(stack, new Call("sandbox-service", "POST", "/api/executions", body),
                StackFixture.OPERATOR_KEY);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body());
        assertEquals("completed", result.path("outcome").asText(), response.body());
        JsonNode test = result.path("tests").get(0);
        assertNotEquals("passed", test.path("status").asText(), "generated code reached task-service: " + test);
        assertTrue(test.path("exceptionType").asText().matches("URLError|ConnectionRefusedError|OSError|TimeoutError"),
                test.toString());
    }

    private static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean problem(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    private static HttpResponse<String> send(LocalStack stack, Call call, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(call.service()) + call.path()));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (call.body() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
