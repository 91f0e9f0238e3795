package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.StreamKey;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.Topics;
import io.evalwatch.events.probe.LongContext;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.localstack.FreePorts;
import io.evalwatch.localstack.LocalStack;
import io.evalwatch.localstack.ServiceSpec;
import io.evalwatch.simulator.profile.ProfileFile;
import io.evalwatch.simulator.profile.SimulatorProfiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The observability configuration against real data. A real Prometheus, configured from prometheus/prometheus.yml
 * and loading prometheus/rules, scrapes the local stack every second while runs go through the pipeline: a run of
 * every simulated model (but the probes' own), a small run of the long-context probe (one model, one task beside it,
 * so the curve's panel has its points), a run after sim-alpha's silent vendor update (so reporting raises a drift
 * alert), and two
 * broken items (one unreadable dispatch that ends in the DLQ, one dispatch the generator must reject) so that the
 * dead-letter and error panels have something to show (its run is invalid, so stream health shows an invalid run). Then every panel query, annotation and label_values variable
 * of every provisioned dashboard must return data, every rule must evaluate without error, the drift rule must fire,
 * and Alertmanager (configured from prometheus/alertmanager-local.yml) must deliver the dead-letter alert to
 * reporting-service.
 */
class DashboardQueriesIT {

    static final String SUITE = "starter";
    static final int SAMPLES = 2;
    static final String CHANGED_MODEL = "sim-alpha";
    static final String CHANGED_VERSION = "2025-06-02";
    static final String PROBE_SUITE = "dashboard-probe";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    // Micrometer binds new Kafka client metrics (per partition and topic) only once a minute
    static final Duration DATA_TIMEOUT = Duration.ofMinutes(3);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void alertRulesPassPromtoolAndAlertmanagerConfigPassesAmtool() {
        Path prometheusDir = StackFixture.root().resolve("prometheus");
        Path promtool = PrometheusProcess.binary("promtool", "prometheus");
        Path amtool = PrometheusProcess.binary("amtool", "prometheus-alertmanager");
        List<String> rules = yamlFiles(prometheusDir.resolve("rules")).stream().map(f -> "rules/" + f).toList();
        List<String> ruleTests = yamlFiles(prometheusDir.resolve("rules/tests")).stream().map(f -> "rules/tests/" + f)
                .toList();
        assertTrue(!rules.isEmpty() && !ruleTests.isEmpty(), "rules and rule tests exist");

        tool(prometheusDir, promtool, prepend("check", "rules", rules));
        String tested = tool(prometheusDir, promtool, prepend("test", "rules", ruleTests));
        assertEquals(ruleTests.size(), count(tested, "SUCCESS"), "every rule test file passed:\n" + tested);
        tool(prometheusDir, promtool, List.of("check", "config", "prometheus-local.yml"));
        tool(prometheusDir, amtool, List.of("check-config", "alertmanager.yml", "alertmanager-local.yml"));
        // drift alerts stay with reporting (it raised them); everything else is relayed to it
        for (String config : List.of("alertmanager.yml", "alertmanager-local.yml")) {
            tool(prometheusDir, amtool, List.of("config", "routes", "test", "--config.file=" + config,
                    "--verify.receivers=evalwatch-notify", "alertname=EvalwatchModelRegressed", "area=drift"));
            tool(prometheusDir, amtool, List.of("config", "routes", "test", "--config.file=" + config,
                    "--verify.receivers=evalwatch-reporting", "alertname=EvalwatchConsumerStalled", "area=pipeline"));
        }
    }

    @Test
    void everyDashboardQueryHasDataOnceRealRunsWentThrough() throws IOException {
        Instant started = Instant.now();
        Path root = StackFixture.root();
        PrometheusDashboards dashboards =
                PrometheusDashboards.load(root.resolve("grafana/provisioning/dashboards/json"));
        assertEquals(List.of(), dashboards.problems(), "dashboard files");

        LocalStack stack = StackFixture.stack();
        EvalwatchApi api = StackFixture.api();
        Map<String, Integer> ports = stack.services().stream()
                .collect(Collectors.toMap(ServiceSpec::name, ServiceSpec::port));
        Path work = Files.createDirectories(root.resolve("e2e-tests/target/dashboard-queries"));
        Path instance = Files.createTempDirectory(work, "observability-");

        List<Integer> freePorts = FreePorts.distinct(2);
        int alertmanagerPort = freePorts.get(0);
        Path alertmanagerConfig = Files.writeString(instance.resolve("alertmanager.yml"),
                PrometheusStackConfig.alertmanager(root.resolve("prometheus/alertmanager-local.yml"),
                        stack.url("reporting-service"), stack.apiKeyFile()));
        int prometheusPort = freePorts.get(1);
        Path prometheusConfig = Files.writeString(instance.resolve("prometheus.yml"),
                PrometheusStackConfig.prometheus(root.resolve("prometheus/prometheus.yml"), ports,
                        root.resolve("prometheus/rules"), alertmanagerPort, "1s"));

        try (PrometheusProcess alertmanager = PrometheusProcess.start("alertmanager",
                        PrometheusProcess.binary("prometheus-alertmanager", "prometheus-alertmanager"),
                        List.of("--config.file=" + alertmanagerConfig, "--storage.path=" + instance.resolve("am-data"),
                                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address="),
                        alertmanagerPort, instance.resolve("alertmanager.log"), Duration.ofSeconds(30));
                PrometheusProcess prometheusProcess = PrometheusProcess.start("prometheus",
                        PrometheusProcess.binary("prometheus", "prometheus"),
                        List.of("--config.file=" + prometheusConfig, "--storage.tsdb.path=" + instance.resolve("tsdb"),
                                "--web.listen-address=127.0.0.1:" + prometheusPort),
                        prometheusPort, instance.resolve("prometheus.log"), Duration.ofSeconds(60))) {
            PrometheusApi prometheus = new PrometheusApi(prometheusProcess.baseUrl());
            awaitEveryTargetUp(prometheus, ports.keySet());

            List<String> models = simulatedModels(root);
            SimulatorAdmin.scheduledVersion(CHANGED_MODEL);
            runToCompletion(api, models);
            runLongContextProbe(api);
            awaitProbeRun(api, publishProbeRun(stack));
            try {
                SimulatorAdmin.forceVersion(CHANGED_MODEL, CHANGED_VERSION);
                runToCompletion(api, models);
            } finally {
                SimulatorAdmin.scheduledVersion(CHANGED_MODEL);
            }

            Set<String> ruleNames = ruleNames(root.resolve("prometheus/rules"));
            AtomicReference<Map<String, String>> missing = new AtomicReference<>();
            try {
                Awaitility.await("every dashboard query has data").atMost(DATA_TIMEOUT)
                        .pollInterval(Duration.ofSeconds(3)).until(() -> {
                            missing.set(check(dashboards, prometheus, api, ruleNames, started));
                            return missing.get().isEmpty();
                        });
            } catch (ConditionTimeoutException e) {
                // reported below, with every failure
            }
            Map<String, String> failures = new LinkedHashMap<>(missing.get());
            relayedSignals(api).stream().filter(s -> s.startsWith("EvalwatchModel")).forEach(s -> failures.put(
                    "alertmanager routing", s + " was relayed to reporting-service, which raised that drift itself"));
            assertEquals("", failures.entrySet().stream().map(f -> "\n  " + f.getKey() + ": " + f.getValue())
                    .collect(Collectors.joining()), failures.size() + " problems among " + dashboards.queries().size()
                    + " dashboard queries, the variables, the rules and the alert routing (Prometheus data in "
                    + instance + ")");
        }
    }

    /** Every problem found now, keyed by where it is; empty when the dashboards and alerting all have data. */
    private static Map<String, String> check(PrometheusDashboards dashboards, PrometheusApi prometheus,
            EvalwatchApi api, Set<String> ruleNames, Instant started) {
        long windowSeconds = Duration.between(started, Instant.now()).toSeconds() + 60;
        String window = windowSeconds + "s";
        Map<String, String> failures = new LinkedHashMap<>();
        for (PrometheusDashboards.LabelVariable v : dashboards.variables()) {
            if (prometheus.labelValues(v.label(), v.selector()).isEmpty()) {
                failures.put(v.dashboard() + " / variable $" + v.name(),
                        "label_values(" + v.selector() + ", " + v.label() + ") has no values");
            }
        }
        for (PrometheusDashboards.Query q : dashboards.queries()) {
            String expr;
            try {
                expr = q.resolved(window, windowSeconds);
            } catch (IllegalStateException e) {
                failures.put(q.toString(), e.getMessage());
                continue;
            }
            PrometheusApi.Answer answer = prometheus.query(expr);
            if (!answer.hasNumbers()) {
                failures.put(q.toString(), answer.describe() + ": " + expr);
            }
        }

        Set<String> loaded = new TreeSet<>();
        for (JsonNode group : prometheus.ruleGroups()) {
            for (JsonNode rule : group.path("rules")) {
                loaded.add(rule.path("name").asText());
                if (!"ok".equals(rule.path("health").asText())) {
                    failures.put("rule " + rule.path("name").asText(), "health " + rule.path("health").asText()
                            + ": " + rule.path("lastError").asText());
                }
            }
        }
        if (!loaded.equals(ruleNames)) {
            failures.put("rules", "Prometheus loaded " + loaded + ", prometheus/rules defines " + ruleNames);
        }
        boolean driftFiring = false;
        for (JsonNode alert : prometheus.alerts()) {
            driftFiring |= "firing".equals(alert.path("state").asText())
                    && CHANGED_MODEL.equals(alert.path("labels").path("model").asText())
                    && alert.path("labels").path("alertname").asText().startsWith("EvalwatchModel");
        }
        if (!driftFiring) {
            failures.put("alert rules", "no EvalwatchModelRegressed/EvalwatchModelDrifted alert firing for "
                    + CHANGED_MODEL + " after its version changed");
        }
        if (!relayedSignals(api).contains("EvalwatchItemsDeadLettered")) {
            failures.put("alertmanager routing", "EvalwatchItemsDeadLettered has not reached reporting-service's"
                    + " /api/alerts through Alertmanager");
        }
        return failures;
    }

    /** Alert names reporting-service recorded from Alertmanager's webhook. */
    private static Set<String> relayedSignals(EvalwatchApi api) {
        Set<String> signals = new TreeSet<>();
        for (JsonNode alert : api.alerts(null)) {
            if ("prometheus".equals(alert.path("source").asText())) {
                signals.add(alert.path("signal").asText());
            }
        }
        return signals;
    }

    private static void awaitEveryTargetUp(PrometheusApi prometheus, Set<String> jobs) {
        AtomicReference<Map<String, String>> health = new AtomicReference<>(Map.of());
        try {
            Awaitility.await("every service scraped").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Map<String, String> h = new LinkedHashMap<>();
                        prometheus.activeTargets().forEach(t -> h.put(t.path("labels").path("job").asText(),
                                t.path("health").asText() + " " + t.path("lastError").asText()));
                        health.set(h);
                        return h.keySet().equals(jobs) && h.values().stream().allMatch(s -> s.startsWith("up"));
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Prometheus cannot scrape every service of the stack: " + health.get(), e);
        }
    }

    private static void runToCompletion(EvalwatchApi api, List<String> models) {
        ObjectNode request = JSON.createObjectNode();
        request.put("suite", SUITE);
        request.putPOJO("models", models);
        request.put("samples", SAMPLES);
        request.putPOJO("tasks", WalkingSkeletonIT.TASKS);
        request.put("series", "dashboards"); // a stream: its second run is judged against its first
        JsonNode run = api.startRun(request);
        int expected = models.size() * WalkingSkeletonIT.TASKS.size() * SAMPLES;
        assertEquals(expected, run.path("expectedItems").asInt());
        JsonNode report = new RunWatcher(api, System.out).await(run.path("runId").asText(), expected, RUN_TIMEOUT);
        assertEquals("completed", report.path("status").asText());
    }

    /** The long-context probe on one fast model beside a single task: its curve for the dashboard's panel. */
    private static void runLongContextProbe(EvalwatchApi api) {
        ObjectNode request = JSON.createObjectNode();
        request.put("suite", SUITE);
        request.putPOJO("models", List.of(LongContextModels.FLAT));
        request.put("samples", 1);
        request.putPOJO("tasks", List.of(WalkingSkeletonIT.TASKS.get(0)));
        request.putPOJO("variants", List.of(LongContext.VARIANT));
        JsonNode run = api.startRun(request);
        int expected = 1 + LongContext.POSITIONS.size() * LongContextModels.NEEDLES;
        assertEquals(expected, run.path("expectedItems").asInt(), run.toPrettyString());
        JsonNode report = new RunWatcher(api, System.out).await(run.path("runId").asText(), expected, RUN_TIMEOUT);
        assertEquals("completed", report.path("status").asText());
    }

    /**
     * A run of two broken items, published straight to Kafka: a dispatch that is not JSON (the generator sends it
     * to eval.tasks.dlq and reporting counts it as errored) and a dispatch without a task (the generator rejects
     * it, counting a generation error). Its RunStarted lets reporting complete it like any other run.
     */
    private static String publishProbeRun(LocalStack stack) {
        String runId = "dashboard-probe-" + UUID.randomUUID();
        String unreadable = ItemIds.of(runId, "unreadable-dispatch", CHANGED_MODEL, 0, "base");
        String taskless = ItemIds.of(runId, "dispatch-without-task", CHANGED_MODEL, 0, "base");
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        EventSerializer events = new EventSerializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            send(producer, Topics.RUNS, runId, events.serialize(Topics.RUNS, new RunStarted(RunStarted.SCHEMA_VERSION,
                    runId, PROBE_SUITE, "1", List.of(CHANGED_MODEL), 1, 2, "manual", null, Instant.now(), "dashboard-probe",
                    List.of(new StreamKey(StreamKey.seriesOrigin("dashboard-probe"), CHANGED_MODEL, PROBE_SUITE,
                            "probe-tasks", 1, null, "base", null)), null)));
            send(producer, Topics.TASKS, unreadable, "{ not a dispatch".getBytes(StandardCharsets.UTF_8));
            send(producer, Topics.TASKS, taskless, events.serialize(Topics.TASKS, new TaskDispatched(
                    TaskDispatched.SCHEMA_VERSION, taskless, runId, PROBE_SUITE, "1", CHANGED_MODEL, 0, "base", null,
                    null, Instant.now())));
        }
        return runId;
    }

    private static void awaitProbeRun(EvalwatchApi api, String runId) {
        JsonNode report = new RunWatcher(api, System.out).await(runId, 2, Duration.ofMinutes(2));
        assertEquals(1, report.path("erroredItems").asInt(), "the unreadable dispatch is an errored item");
        assertEquals(1, report.path("scoredItems").asInt(), "the rejected dispatch is scored as provider_error");
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /**
     * The models of config/models.yaml that the simulator serves: every one of them takes part in the runs, but those
     * kept for the probes (ProbeModels), which the demo leaves out too.
     */
    private static List<String> simulatedModels(Path root) throws IOException {
        SimulatorProfiles profiles = ProfileFile.load(root.resolve("config/simulator.yaml"));
        List<String> models = new ArrayList<>();
        for (JsonNode m : YAML.readTree(root.resolve("config/models.yaml").toFile()).path("models")) {
            if (profiles.find(m.path("name").asText()).isPresent()
                    && !ProbeModels.NAMES.contains(m.path("name").asText())) {
                models.add(m.path("name").asText());
            }
        }
        assertTrue(models.contains(CHANGED_MODEL), CHANGED_MODEL + " is configured: " + models);
        return models;
    }

    private static Set<String> ruleNames(Path rulesDir) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String file : yamlFiles(rulesDir)) {
            for (JsonNode group : YAML.readTree(rulesDir.resolve(file).toFile()).path("groups")) {
                group.path("rules").forEach(r -> names.add(r.path("alert").asText(r.path("record").asText())));
            }
        }
        return names;
    }

    private static List<String> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yml")).map(p -> p.getFileName().toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command-line checker in dir; returns its output, fails with it when the exit status is not 0. */
    private static String tool(Path dir, Path binary, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
            assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> prepend(String first, String second, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first, second));
        all.addAll(rest);
        return all;
    }

    private static int count(String text, String word) {
        return text.split(word, -1).length - 1;
    }
}
