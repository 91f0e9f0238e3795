package io.evalwatch.generator.it;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.generator.testing.EvalTopics;
import io.evalwatch.generator.testing.PrometheusText;
import io.evalwatch.localstack.FreePorts;
import io.evalwatch.localstack.KafkaBroker;
import io.evalwatch.localstack.LocalStack;
import io.evalwatch.localstack.QuarkusAppProcess;
import io.evalwatch.localstack.testing.KafkaTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assertions;

/**
 * The real thing, once per test JVM: a Kafka broker, the packaged model-simulator with this module's profiles and
 * suite, and the packaged generator-service configured against it, each a child process writing its own log.
 * The generator gets a freshly made API key through its environment; the simulator accepts only that key.
 */
public final class ItStack {

    public static final String SUITE = "generator-it";

    private static ItStack instance;

    public final Path root = Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();
    public final Path work = root.resolve("generator-service/target/it");
    public final String plantedKey = "sk-evalwatch-planted-" + UUID.randomUUID().toString().replace("-", "");
    public final String wrongKey = "sk-evalwatch-wrong-" + UUID.randomUUID().toString().replace("-", "");
    public final KafkaBroker broker;
    public final QuarkusAppProcess simulator;
    public final QuarkusAppProcess generator;
    public final Path generatorLog;
    public final EvalTopics topics;

    private ItStack(Map<String, String> generatorProperties, List<String> generatorJvm) {
        try {
            Files.createDirectories(work);
            broker = KafkaTestResource.broker();
            Map<String, String> simulatorEnv = Map.of("SIMULATOR_REQUIRE_API_KEY", plantedKey);
            simulator = QuarkusAppProcess.start("model-simulator", snapshot(root.resolve("model-simulator/target/quarkus-app"))
                    .resolve("quarkus-run.jar"), FreePorts.next(),
                    Map.of("simulator.profiles-file", resource("it/simulator.yaml").toString(),
                            "simulator.suites-dir", resource("it/suites").toString(),
                            "simulator.check-mutations", "false",
                            // the planted key doubles as the evalwatch admin key of the simulator's admin API
                            "evalwatch.auth.keys", "admin:" + LocalStack.sha256Hex(plantedKey),
                            "quarkus.http.host", "127.0.0.1"),
                    simulatorEnv, work.resolve("model-simulator.log"), Duration.ofSeconds(90),
                    List.of("-Xmx256m", "-XX:+UseSerialGC"), work);
            Path models = work.resolve("models.yaml");
            Files.writeString(models, catalogue(simulator.baseUrl() + "/v1"));
            generatorLog = work.resolve("generator-service.log");
            Files.deleteIfExists(generatorLog);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
            properties.put("evalwatch.auth.keys", "admin:" + LocalStack.sha256Hex(plantedKey));
            properties.put("quarkus.http.host", "127.0.0.1");
            properties.put("evalwatch.models.file", models.toString());
            properties.put("quarkus.log.file.enabled", "true");
            properties.put("quarkus.log.file.path", generatorLog.toString());
            properties.put("quarkus.log.category.\"io.evalwatch\".level", "DEBUG");
            properties.put("smallrye.messaging.worker.generation.max-concurrency", "64");
            properties.putAll(generatorProperties);
            generator = QuarkusAppProcess.start("generator-service",
                    root.resolve("generator-service/target/quarkus-app/quarkus-run.jar"), FreePorts.next(), properties,
                    Map.of("EVALWATCH_SIMULATOR_API_KEY", plantedKey, "EVALWATCH_WRONG_API_KEY", wrongKey),
                    work.resolve("generator-service.out"), Duration.ofSeconds(90), generatorJvm, work);
            topics = new EvalTopics(broker.bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack the acceptance tests share. */
    public static synchronized ItStack get() {
        if (instance == null) {
            instance = new ItStack(Map.of(), List.of("-Xmx512m", "-XX:+UseZGC",
                    "-Xlog:gc:file=" + Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize()
                            .resolve("generator-service/target/it/generator-gc.log")));
        }
        return instance;
    }

    /** A stack with extra generator settings and JVM options (the benchmark's). */
    public static synchronized ItStack start(Map<String, String> generatorProperties, List<String> generatorJvm) {
        if (instance != null) {
            throw new IllegalStateException("one stack per JVM");
        }
        instance = new ItStack(generatorProperties, generatorJvm);
        return instance;
    }

    /**
     * The generator's catalogue for the tests: the two fidelity models differ only in max_concurrency; "cutoff"
     * times out mid-stream every attempt; "wrong-key" presents a key the simulator refuses; "stalled" answers its first
     * token after exactly 1.5 s, long enough to stop the generator across it.
     */
    static String catalogue(String endpoint) {
        StringBuilder yaml = new StringBuilder("models:\n");
        model(yaml, "fid-c1", "openai", endpoint, "sim-fidelity", "EVALWATCH_SIMULATOR_API_KEY", 1, 20, 30);
        model(yaml, "fid-c32", "openai", endpoint, "sim-fidelity", "EVALWATCH_SIMULATOR_API_KEY", 32, 20, 30);
        model(yaml, "fid-anthropic", "anthropic", endpoint, "sim-fidelity", "EVALWATCH_SIMULATOR_API_KEY", 16, 20, 30);
        model(yaml, "throttled", "openai", endpoint, "sim-throttled", "EVALWATCH_SIMULATOR_API_KEY", 32, 64, 30);
        model(yaml, "cutoff", "anthropic", endpoint, "sim-slow", "EVALWATCH_SIMULATOR_API_KEY", 4, 64, 0.5);
        model(yaml, "wrong-key", "openai", endpoint, "sim-fidelity", "EVALWATCH_WRONG_API_KEY", 4, 20, 30);
        model(yaml, "instant", "openai", endpoint, "sim-instant", "EVALWATCH_SIMULATOR_API_KEY", 256, 64, 30);
        model(yaml, "paced", "openai", endpoint, "sim-fidelity", "EVALWATCH_SIMULATOR_API_KEY", 256, 20, 30);
        model(yaml, "stalled", "openai", endpoint, "sim-stall", "EVALWATCH_SIMULATOR_API_KEY", 4, 20, 30);
        return yaml.toString();
    }

    private static void model(StringBuilder yaml, String name, String provider, String endpoint, String modelId,
            String keyEnv, int concurrency, int maxTokens, double timeoutSeconds) {
        yaml.append("  - name: ").append(name).append('\n')
                .append("    provider: ").append(provider).append('\n')
                .append("    endpoint: ").append(endpoint).append('\n')
                .append("    model_id: ").append(modelId).append('\n')
                .append("    api_key_env: ").append(keyEnv).append('\n')
                .append("    price_per_million_tokens: {input: 3.0, output: 15.0}\n")
                .append("    max_concurrency: ").append(concurrency).append('\n')
                .append("    timeout_seconds: ").append(timeoutSeconds).append('\n')
                .append("    temperature: 0.8\n")
                .append("    max_tokens: ").append(maxTokens).append('\n');
    }

    /** A private copy of a packaged app, so a rebuild of its module during the tests cannot pull jars from under it. */
    private Path snapshot(Path app) throws IOException {
        Path copy = work.resolve(app.getParent().getParent().getFileName() + "-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            return app; // QuarkusAppProcess explains what is missing
        }
        try (var files = Files.walk(app)) {
            for (Path from : files.toList()) {
                Path to = copy.resolve(app.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return copy;
    }

    public static Path resource(String name) {
        try {
            return Path.of(ItStack.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public String get(QuarkusAppProcess app, String path) {
        return send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", "Bearer " + plantedKey)).body();
    }

    /** An admin call to the simulator (which accepts only the planted key); the response body. */
    public String simulatorAdmin(String method, String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Authorization", "Bearer " + plantedKey)
                .method(method, HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Dispatches items at a steady pace and waits for their generations: every item answered exactly once, in
     * no particular order.
     */
    public List<GenerationCompleted> generate(String runId, List<TaskDispatched> items, Duration interval,
            Duration timeout) {
        topics.dispatchPaced(items, interval);
        List<ConsumerRecord<String, GenerationCompleted>> records = topics.awaitRun(runId,
                r -> r.size() >= items.size(), timeout);
        Assertions.assertEquals(items.size(), records.size(), "every item answered once");
        Assertions.assertEquals(items.stream().map(TaskDispatched::itemId).collect(Collectors.toSet()),
                records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** Forgets the simulator's peaks of open requests, so the next peak is that of what follows. */
    public void resetOpenRequestPeaks() {
        simulatorAdmin("DELETE", "/admin/requests/open/peaks");
    }

    /**
     * The most requests for a simulated model that the simulator had open at once since the last reset: the
     * vendor's view of the generator's concurrency. A request is open there from its arrival until its response
     * ended, which lies inside the generator's hold on the model's slot, so this never exceeds what the generator
     * had in flight and does not depend on how quickly anyone stamped anything.
     */
    public int openRequestPeak(String simulatedModel) {
        try {
            var counts = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(simulatorAdmin("GET", "/admin/requests/open"));
            return counts.path(simulatedModel).path("peak").asInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests for a simulated model the simulator has open right now. */
    public int openRequests(String simulatedModel) {
        try {
            var counts = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(simulatorAdmin("GET", "/admin/requests/open"));
            return counts.path(simulatedModel).path("open").asInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simulator's running total of how late it wrote first tokens (its pacing error, not ours). */
    public Lateness simulatorLateness() {
        String metrics = get(simulator, "/q/metrics");
        return new Lateness(
                PrometheusText.value(metrics, "evalwatch_simulator_first_token_lateness_seconds_count", Map.of()),
                PrometheusText.value(metrics, "evalwatch_simulator_first_token_lateness_seconds_sum", Map.of()));
    }

    /** A count and sum of first-token lateness. */
    public record Lateness(double count, double sumSeconds) {

        /** Mean lateness in seconds of the streams since {@code earlier}. */
        public double meanSince(Lateness earlier) {
            double n = count - earlier.count;
            return n == 0 ? 0 : (sumSeconds - earlier.sumSeconds) / n;
        }

        public String since(Lateness earlier) {
            return String.format("mean %.2f ms over %d streams", meanSince(earlier) * 1000, (int) (count - earlier.count));
        }
    }

    private void close() {
        topics.close();
        generator.close();
        simulator.close();
    }
}
