package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.events.ItemIds;
import io.evalwatch.localstack.LocalStack;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.ProfileFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults in the middle of a run of 500 items, on the chaos tests' own stack ({@link ChaosStack}): a service killed
 * (SIGKILL) and started again, the broker stopped for 20 s, PostgreSQL restarted, the vendor away for 20 s, and two
 * instances of the generator and of the sandbox sharing their consumer groups, one of each killed. After each, the
 * run must complete with every expected item exactly once in its items, each scored as the simulator's known truth
 * says or failed with a reason, and totals that add up. A lost item ends the run incomplete (its stall deadline is a
 * few minutes here) and fails the test with the missing items listed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineChaosIT {

    /** How many items of the stage under fault must have passed it before the fault: well inside the run. */
    private static final int FAULT_AT = 100;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    /** Generous: a loaded machine is slow, never wrong. A lost item ends the run after its 3 min stall deadline. */
    private static final Duration RUN_END = Duration.ofMinutes(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Order(1)
    @ParameterizedTest(name = "{0} killed mid-run and started again")
    @ValueSource(strings = {"task-service", "generator-service", "sandbox-service", "scoring-service",
            "reporting-service"})
    void aServiceKilledMidRunLosesNothingAndCountsNothingTwice(String service) {
        LocalStack stack = ChaosStack.stack();
        String runId = startRun();
        // task-service is killed as soon as it accepted the run: what it sends for the run is then still in flight
        if (!service.equals("task-service")) {
            awaitMidRun(runId, stageOf(service));
        }
        stack.kill(service);
        stack.start(service);
        assertWholeRun(runId, false);
    }

    @Order(2)
    @Test
    void theBrokerStoppedFor20SecondsLosesNothing() throws InterruptedException {
        LocalStack stack = ChaosStack.stack();
        String runId = startRun();
        awaitMidRun(runId, "scored");
        stack.stopBroker();
        Thread.sleep(OUTAGE.toMillis());
        stack.startBroker();
        assertWholeRun(runId, false);
    }

    @Order(3)
    @Test
    void postgresqlRestartedMidRunLosesNothing() throws Exception {
        ChaosStack.stack();
        String runId = startRun();
        awaitMidRun(runId, "scored");
        // the cluster every service database of the stack lives on (we run as root, as CI does); output to a file,
        // since the server it starts may keep a pipe open
        Path log = ChaosStack.stack().logsDir().resolve("pg-restart.log");
        Process restart = new ProcessBuilder("sh", "-c",
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(restart.waitFor(3, TimeUnit.MINUTES), "pg_ctlcluster restart did not return; see " + log);
        assertEquals(0, restart.exitValue(), "pg_ctlcluster restart failed: " + Files.readString(log));
        assertWholeRun(runId, false);
    }

    // last: after the vendor's outage the generator's circuit breaker stays open for up to
    // evalwatch.generator.breaker.open-for (30 s) and fails the next run's first items fast, as it should
    @Order(6)
    @Test
    void theVendorAwayFor20SecondsLeavesItemsRetriedOrFailedWithAReasonNeverLost() throws InterruptedException {
        LocalStack stack = ChaosStack.stack();
        String runId = startRun();
        awaitMidRun(runId, "generated");
        stack.stop("model-simulator");
        Thread.sleep(OUTAGE.toMillis());
        stack.start("model-simulator");
        assertWholeRun(runId, true);
    }

    @Order(5)
    @Test
    void twoInstancesShareEachStageAndOneOfEachIsKilledMidRun() {
        LocalStack stack = ChaosStack.stack();
        String generator2 = stack.startInstance("generator-service", Map.of());
        // its slots get uids of their own: two sandboxes on one host must not share a slot's uid
        String sandbox2 = stack.startInstance("sandbox-service",
                Map.of("evalwatch.sandbox.uid-base", Integer.toString(ChaosStack.SANDBOX_UID_BASE + 100)));
        try {
            String runId = startRun();
            Map<String, String> shares = new TreeMap<>();
            shares.put(generator2, "evalwatch_generation_items_total");
            shares.put(sandbox2, "evalwatch_sandbox_executions_total");
            for (Map.Entry<String, String> second : shares.entrySet()) {
                String stage = second.getKey().startsWith("generator") ? "generated" : "executed";
                // the second instance got partitions of the group and worked on them...
                awaitLong().until(() -> metricSum(stack.url(second.getKey()), second.getValue()) > 0);
                // ...and dies while its stage still has work
                awaitMidRun(runId, stage);
                stack.kill(second.getKey());
            }
            assertWholeRun(runId, false);
        } finally {
            stack.stop(generator2);
            stack.stop(sandbox2);
        }
    }

    @AfterAll
    static void stopTheStack() {
        ChaosStack.stop();
    }

    private static String startRun() {
        ObjectNode request = new ObjectMapper().createObjectNode();
        request.put("suite", ChaosStack.SUITE);
        request.putPOJO("models", List.of(ChaosStack.MODEL));
        request.put("samples", ChaosStack.SAMPLES);
        JsonNode run = ChaosStack.api().startRun(request);
        assertEquals(ChaosStack.ITEMS, run.path("expectedItems").asInt(), "items of the chaos run: " + run);
        return run.path("runId").asText();
    }

    /** The progress counter of the stage a service does: where its kill lands in the middle of the run. */
    private static String stageOf(String service) {
        return switch (service) {
            case "generator-service" -> "generated";
            case "sandbox-service" -> "executed";
            default -> "scored";
        };
    }

    /**
     * Waits until {@link #FAULT_AT} items passed the stage, and checks the stage is not done: a fault after the run
     * would prove nothing.
     */
    private static void awaitMidRun(String runId, String stage) {
        EvalwatchApi api = ChaosStack.api();
        awaitLong().pollInterval(Duration.ofMillis(100)).until(() -> stageCount(api, runId, stage) >= FAULT_AT);
        long passed = stageCount(api, runId, stage);
        assertTrue(passed < ChaosStack.ITEMS, "the fault must land mid-run, but " + passed + " of "
                + ChaosStack.ITEMS + " items had passed stage '" + stage + "' already");
        System.out.printf("[chaos] run %s: fault at %d items past stage %s%n", runId, passed, stage);
    }

    private static long stageCount(EvalwatchApi api, String runId, String stage) {
        JsonNode progress = api.progressOrNull(runId);
        return progress == null ? 0 : progress.path(stage).asLong();
    }

    /**
     * The run ended completed, every expected item exactly once in its items and nothing else, each item scored as
     * the simulator's truth decided (or, where allowed, failed with a reason), and totals that match the items.
     */
    private static void assertWholeRun(String runId, boolean failuresAllowed) {
        EvalwatchApi api = ChaosStack.api();
        JsonNode report = awaitLong().atMost(RUN_END).pollInterval(Duration.ofSeconds(1)).until(
                () -> api.reportOrNull(runId), r -> r != null && !"running".equals(r.path("status").asText()));
        assertEquals("completed", report.path("status").asText(),
                "run " + runId + " did not complete; missing items: " + missing(runId));

        JsonNode items = api.items(runId);
        Map<String, Integer> seen = new HashMap<>();
        items.forEach(i -> seen.merge(i.path("itemId").asText(), 1, Integer::sum));
        Map<String, String> taskOf = new HashMap<>();
        for (String task : ChaosStack.taskIds()) {
            for (int sample = 0; sample < ChaosStack.SAMPLES; sample++) {
                taskOf.put(ItemIds.of(runId, task, ChaosStack.MODEL, sample, "base"), task);
            }
        }
        Set<String> expected = new TreeSet<>(taskOf.keySet());
        Map<String, Integer> twice = new TreeMap<>();
        seen.forEach((id, n) -> {
            if (n > 1) {
                twice.put(id, n);
            }
        });
        assertEquals(Map.of(), twice, "items listed more than once in run " + runId);
        assertEquals(Set.of(), difference(expected, seen.keySet()), "expected items missing from run " + runId);
        assertEquals(Set.of(), difference(seen.keySet(), expected), "items run " + runId + " never expected");

        ModelVersion truth = ProfileFile.load(ChaosStack.profilesFile()).model(ChaosStack.MODEL)
                .scheduledAt(Instant.now());
        int passed = 0;
        int errored = 0;
        Map<String, Integer> failedWithReason = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (JsonNode item : items) {
            String itemId = item.path("itemId").asText();
            String category = item.path("failureCategory").asText();
            passed += item.path("passed").asBoolean() ? 1 : 0;
            errored += item.path("errored").asBoolean() ? 1 : 0;
            if (item.path("errored").asBoolean() || PIPELINE_FAILURES.contains(category)) {
                // not an answer the model gave: the item failed on the way, and says why
                assertTrue(!category.isBlank() && !"none".equals(category), itemId + " failed without a reason");
                failedWithReason.merge(category, 1, Integer::sum);
                continue;
            }
            boolean shouldPass = truth.decide(taskOf.get(itemId), ItemIds.seedOf(itemId))
                    .expectedToPass();
            if (shouldPass != item.path("passed").asBoolean()) {
                wrong.add(itemId + " (" + category + ")");
            }
        }
        System.out.printf("[chaos] run %s: %d items, %d passed, %d errored, failed on the way: %s%n", runId,
                items.size(), passed, errored, failedWithReason);
        assertEquals(List.of(), wrong, "items scored against the simulator's known truth in run " + runId);
        if (!failuresAllowed) {
            assertEquals(Map.of(), failedWithReason, "items of run " + runId + " failed on the way");
        }
        assertEquals(ChaosStack.ITEMS, report.path("scoredItems").asInt() + report.path("erroredItems").asInt(),
                "scored + errored items of run " + runId);
        assertEquals(errored, report.path("erroredItems").asInt(), "errored items of run " + runId);
        JsonNode model = report.path("models").path(0);
        assertEquals(ChaosStack.MODEL, model.path("model").asText());
        assertEquals(passed, model.path("passed").asInt(), "passed items of run " + runId + " in its report");
        assertWholeProgress(runId, failuresAllowed, errored);
    }

    /**
     * The run's progress saw every item at every stage it passed: its stage counters are fed by consumers of their
     * own, which must not lose a poll to the fault either (they may trail the run's end, so they are awaited).
     */
    private static void assertWholeProgress(String runId, boolean failuresAllowed, int errored) {
        EvalwatchApi api = ChaosStack.api();
        try {
            awaitLong().atMost(Duration.ofMinutes(3)).until(() -> api.progressOrNull(runId),
                    p -> p != null && wholeProgress(p, failuresAllowed, errored));
        } catch (ConditionTimeoutException e) {
            JsonNode progress = api.progressOrNull(runId);
            throw new AssertionError("progress of run " + runId + " stayed short of its " + ChaosStack.ITEMS
                    + " items (" + errored + " errored): " + progress, e);
        }
    }

    private static boolean wholeProgress(JsonNode p, boolean failuresAllowed, int errored) {
        boolean scored = p.path("scored").asInt() + p.path("errored").asInt() == ChaosStack.ITEMS
                && p.path("errored").asInt() == errored;
        if (failuresAllowed) {
            return scored; // an item may fail before its generation or execution is published (dead-lettered)
        }
        return scored && p.path("generated").asInt() == ChaosStack.ITEMS
                && p.path("executed").asInt() == p.path("toExecute").asInt();
    }

    /** Failure categories that say an item did not get through the pipeline, not how the model answered. */
    private static final Set<String> PIPELINE_FAILURES = Set.of("provider_error", "pipeline_error", "sandbox_error");

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static String missing(String runId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                            ChaosStack.stack().url("reporting-service") + "/api/runs/" + runId + "/missing"))
                    .header("Authorization", "Bearer " + ChaosStack.stack().apiKey()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "(could not ask: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? ([0-9.eE+-]+)$",
            Pattern.MULTILINE);

    /** The sum of a counter's series on one service's /q/metrics. */
    private static double metricSum(String url, String name) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }

    /** Minutes, never seconds: services restart slowly on a loaded machine; a failure is a count, not a time. */
    private static ConditionFactory awaitLong() {
        return Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions();
    }
}
