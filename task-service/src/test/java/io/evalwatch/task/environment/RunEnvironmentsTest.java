package io.evalwatch.task.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.TaskKind;
import io.evalwatch.security.ClientKey;
import io.evalwatch.task.config.TaskServiceConfig;
import io.evalwatch.task.suite.TaskDefinition;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run-start side of sandbox-service's environment API: what each of its answers means for a run. The answers
 * are played by a small HTTP server here; the end-to-end tests build real environments in a real sandbox.
 */
class RunEnvironmentsTest {

    private static final EnvironmentSpec NUMPY = new EnvironmentSpec(
            new EnvironmentSpec.Python("debian", List.of("numpy"), List.of("numpy"), null, null), null, null);
    private static final EnvironmentSpec LEFT_PAD = new EnvironmentSpec(null,
            new EnvironmentSpec.Node(Map.of("left-pad", "1.3.0"), null), null);

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void eachDistinctEnvironmentIsEnsuredOnceAndEveryTaskGetsItsLock() throws Exception {
        RunEnvironments environments = answering(200, "{\"status\":\"ready\",\"lockHash\":\"%s\"}");

        Map<String, EnvironmentRef> resolved = environments.resolve(List.of(task("a", NUMPY), task("b", NUMPY),
                task("c", LEFT_PAD), task("plain", null)));

        assertEquals(2, requests.size(), "one build request per distinct environment: " + requests);
        assertTrue(requests.get(0).contains("\"packages\":[\"numpy\"]"), requests.get(0));
        assertEquals(resolved.get("a"), resolved.get("b"));
        assertEquals(NUMPY.specHash().substring(0, 16), resolved.get("a").lockHash());
        assertNotEquals(resolved.get("a").lockHash(), resolved.get("c").lockHash());
        assertNull(resolved.get("plain"), "a task without environment runs in the plain sandbox");
        assertNotEquals(resolved.get("a").lockHash(), RunEnvironments.environmentHash(resolved),
                "two environments in one run: a hash over both locks");
        assertEquals(resolved.get("a").lockHash(), RunEnvironments.environmentHash(Map.of("a", resolved.get("a"))));
        assertNull(RunEnvironments.environmentHash(Map.of()));
    }

    @Test
    void aBuildStillGoingOnAsksTheClientToRetry() throws Exception {
        RunEnvironments environments = answering(202,
                "{\"status\":\"building\",\"progress\":[\"resolving\",\"npm install left-pad@1.3.0\"]}");
        EnvironmentUnavailableException e = assertThrows(EnvironmentUnavailableException.class,
                () -> environments.resolve(List.of(task("a", LEFT_PAD))));
        assertTrue(e.getMessage().contains("still being built (last step: npm install left-pad@1.3.0)"),
                e.getMessage());
        assertEquals(60, e.retryAfterSeconds());
    }

    @Test
    void aFailedBuildNamesThePackage() throws Exception {
        RunEnvironments environments = answering(422, "{\"status\":\"failed\",\"message\":\"python3-nump is not"
                + " installed\",\"failedPackage\":\"nump\"}");
        EnvironmentFailedException e = assertThrows(EnvironmentFailedException.class,
                () -> environments.resolve(List.of(task("a", NUMPY))));
        assertTrue(e.getMessage().contains("python3-nump is not installed (package nump)"), e.getMessage());
    }

    @Test
    void anUnreachableSandboxIsSaidSo() {
        RunEnvironments environments = new RunEnvironments(config("http://127.0.0.1:9"));
        EnvironmentUnavailableException e = assertThrows(EnvironmentUnavailableException.class,
                () -> environments.resolve(List.of(task("a", NUMPY))));
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    }

    @Test
    void theCallCarriesTaskServicesClientKey() throws Exception {
        answering(200, "{\"status\":\"ready\",\"lockHash\":\"%s\"}");
        RunEnvironments environments = new RunEnvironments(config(url()), ClientKey.of("task-service-key"));
        environments.resolve(List.of(task("a", NUMPY)));
        assertEquals(List.of("Bearer task-service-key"), authorizations);
    }

    @Test
    void aRefusedCallSaysWhichKeyIsMissing() throws Exception {
        RunEnvironments environments = answering(401, "{\"status\":401,\"detail\":\"an API key is required\"}");
        EnvironmentUnavailableException e = assertThrows(EnvironmentUnavailableException.class,
                () -> environments.resolve(List.of(task("a", NUMPY))));
        assertTrue(e.getMessage().contains("evalwatch.auth.client-key"), e.getMessage());
        assertEquals(List.of("(none)"), authorizations, "no key configured: none sent");
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A sandbox that answers every build with the status and body given (%s: the spec hash). */
    private RunEnvironments answering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/environments", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestURI() + " " + request);
            authorizations.add(java.util.Objects.requireNonNullElse(
                    exchange.getRequestHeaders().getFirst("Authorization"), "(none)"));
            EnvironmentSpec spec = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(request, EnvironmentSpec.class);
            byte[] answer = body.replace("%s", spec.specHash()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return new RunEnvironments(config("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    private static TaskDefinition task(String id, EnvironmentSpec environment) {
        return new TaskDefinition(id, "general", TaskKind.GENERATION, "python", "f", 5, "p", List.of(), "r",
                List.of(), null, environment);
    }

    private static TaskServiceConfig config(String url) {
        TaskServiceConfig.Sandbox sandbox = new TaskServiceConfig.Sandbox() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Duration buildWait() {
                return Duration.ofSeconds(5);
            }
        };
        return new TaskServiceConfig() {
            @Override
            public Optional<String> root() {
                return Optional.empty();
            }

            @Override
            public Suites suites() {
                return null;
            }

            @Override
            public Models models() {
                return null;
            }

            @Override
            public Runs runs() {
                return null;
            }

            @Override
            public Monitors monitors() {
                return null;
            }

            @Override
            public Sandbox sandbox() {
                return sandbox;
            }

            @Override
            public Probes probes() {
                return null;
            }
        };
    }
}
