package io.evalwatch.task.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.security.ClientKey;
import io.evalwatch.task.config.TaskServiceConfig;
import io.evalwatch.task.suite.TaskDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Makes sure the environments a run's tasks declare exist before the run is recorded: asks sandbox-service to build
 * each (a no-op once built) and takes the lock hash it resolved to. Items carry that lock hash, so every item of the
 * run executes in the environment the run started with, and the stream key records it: a changed environment is a
 * new segment of the stream, like a suite version bump.
 */
@ApplicationScoped
public class RunEnvironments {

    private static final Logger LOG = Logger.getLogger(RunEnvironments.class);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TaskServiceConfig.Sandbox config;
    private final ClientKey clientKey;

    @Inject
    public RunEnvironments(TaskServiceConfig config, ClientKey clientKey) {
        this.config = config.sandbox();
        this.clientKey = clientKey;
    }

    RunEnvironments(TaskServiceConfig config) {
        this(config, ClientKey.none());
    }

    /** The resolved environment of every task that declares one, by task id; empty when none does. */
    public Map<String, EnvironmentRef> resolve(Collection<TaskDefinition> tasks) {
        Map<EnvironmentSpec, EnvironmentRef> bySpec = new LinkedHashMap<>();
        Map<String, EnvironmentRef> byTask = new LinkedHashMap<>();
        for (TaskDefinition task : tasks) {
            if (task.environment() == null || task.environment().empty()) {
                continue;
            }
            byTask.put(task.id(), bySpec.computeIfAbsent(task.environment(), this::ensure));
        }
        return byTask;
    }

    /**
     * The stream key's environment hash for a run: the lock hash of its one environment, a hash over the distinct
     * lock hashes when tasks declare different ones, null when the run uses the plain sandbox.
     */
    public static String environmentHash(Map<String, EnvironmentRef> byTask) {
        TreeSet<String> locks = new TreeSet<>();
        byTask.values().forEach(ref -> locks.add(ref.lockHash()));
        if (locks.isEmpty()) {
            return null;
        }
        if (locks.size() == 1) {
            return locks.first();
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", locks).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }

    EnvironmentRef ensure(EnvironmentSpec spec) {
        long waitSeconds = config.buildWait().toSeconds();
        URI uri = URI.create(config.url().replaceAll("/+$", "") + "/api/environments?wait=" + waitSeconds);
        HttpResponse<String> response;
        try {
            // sandbox-service's POST needs an operator key: task-service's own (evalwatch.auth.client-key)
            HttpRequest request = clientKey.authorize(HttpRequest.newBuilder(uri))
                    .timeout(config.buildWait().plusSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(spec))).build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EnvironmentUnavailableException("sandbox-service at " + config.url() + " cannot be reached to"
                    + " build the suite's environment (" + e + "); start it or set evalwatch.sandbox.url", 30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentUnavailableException("interrupted while the environment was being built", 30);
        }
        JsonNode body = body(response.body());
        switch (response.statusCode()) {
            case 200 -> {
                String lockHash = body.path("lockHash").asText(null);
                if (lockHash == null) {
                    throw new EnvironmentUnavailableException("sandbox-service answered without a lock hash: "
                            + response.body(), 30);
                }
                LOG.debugf("environment %s resolved to lock %s", spec.specHash(), lockHash);
                return new EnvironmentRef(lockHash, spec);
            }
            case 202 -> throw new EnvironmentUnavailableException("the suite's environment (spec " + spec.specHash()
                    + ") is still being built" + lastProgress(body) + "; retry in a minute, or build it first with"
                    + " ./evalwatch env build SUITE", 60);
            case 400, 422 -> throw new EnvironmentFailedException("the suite's environment could not be built: "
                    + body.path("message").asText(response.body())
                    + (body.hasNonNull("failedPackage") ? " (package " + body.get("failedPackage").asText() + ")"
                            : "")
                    + "; fix the environment: section of the suite, then ./evalwatch env build SUITE");
            case 401, 403 -> throw new EnvironmentUnavailableException("sandbox-service refused task-service's call ("
                    + response.statusCode() + "): give task-service an operator key that sandbox-service accepts, with"
                    + " evalwatch.auth.client-key (EVALWATCH_AUTH_CLIENT_KEY) or evalwatch.auth.client-key-file", 60);
            default -> throw new EnvironmentUnavailableException("sandbox-service answered " + response.statusCode()
                    + " when asked to build the suite's environment: " + response.body(), 30);
        }
    }

    private static String lastProgress(JsonNode body) {
        JsonNode progress = body.path("progress");
        return progress.isArray() && !progress.isEmpty()
                ? " (last step: " + progress.get(progress.size() - 1).asText() + ")" : "";
    }

    private JsonNode body(String text) {
        try {
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
