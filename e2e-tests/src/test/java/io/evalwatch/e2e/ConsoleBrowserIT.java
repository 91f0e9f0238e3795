package io.evalwatch.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser (Chromium driven by e2e-tests/browser/console.mjs): two runs of one CI series, read
 * through the console as a viewer would click through them, and an alert acknowledged and resolved with the
 * buttons. Checked against the JSON API: each model's pass rate on the report page, the comparison's figures, the
 * charts' titles, axes and legends, and the refusals (no key, a viewer's key) before an operator's key succeeds.
 */
class ConsoleBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODELS = List.of("sim-alpha", "sim-beta");

    @Test
    void aViewerReadsEveryPageAndOnlyAnOperatorActsOnAnAlert() throws Exception {
        var stack = StackFixture.stack();
        EvalwatchApi api = StackFixture.api();
        String series = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String a = run(api, series);
        String b = run(api, series);
        // a completed run is judged against its stream within seconds: wait for both verdicts before browsing
        await().atMost(Duration.ofMinutes(3)).until(() -> {
            JsonNode models = api.regression(b, null).path("models");
            boolean judged = models.size() == MODELS.size();
            for (JsonNode m : models) {
                judged &= !"pending".equals(m.path("verdict").asText());
            }
            return judged;
        });
        String alertId = relayedAlert(stack.url("reporting-service"));

        Path out = StackFixture.root().resolve("e2e-tests/target/console");
        JsonNode result = browse(Map.of("BASE_URL", stack.url("reporting-service"),
                "VIEWER_KEY", StackFixture.VIEWER_KEY, "OPERATOR_KEY", StackFixture.OPERATOR_KEY,
                "RUN_A", a, "RUN_B", b, "ALERT_ID", alertId, "OUT", out.toString()));
        Map<String, JsonNode> pages = new HashMap<>();
        result.path("pages").forEach(p -> pages.put(p.path("name").asText(), p));

        JsonNode refusedRead = pages.get("refused-read");
        assertEquals(401, refusedRead.path("status").asInt());
        assertTrue(text(refusedRead).contains("This requires an API key"), text(refusedRead));
        JsonNode refusedPost = pages.get("refused-post");
        assertEquals(401, refusedPost.path("status").asInt(), "a form POST without a key is refused");
        assertTrue(text(refusedPost).contains("requires the operator role"), text(refusedPost));

        JsonNode runs = pages.get("runs");
        assertEquals(200, runs.path("status").asInt());
        assertTrue(text(runs).contains(a.substring(0, 8)) && text(runs).contains(b.substring(0, 8)), text(runs));

        JsonNode report = pages.get("report");
        JsonNode reportJson = api.report(b);
        for (JsonNode m : reportJson.path("models")) {
            String line = m.path("model").asText() + "\t" + m.path("items").asInt() + "\t" + m.path("passed").asInt()
                    + "\t" + pct(m.path("passAt1").asDouble());
            assertTrue(text(report).contains(line), "the report page shows " + line + ":\n" + text(report));
        }
        JsonNode scoreChart = chart(report, "Weighted score distribution");
        assertEquals(List.of("weighted score per item (−1 … 1)", "items (count)"), strings(scoreChart.path("axes")));
        assertEquals(MODELS, strings(scoreChart.path("legend")));
        assertTrue(scoreChart.path("shapes").asInt() > 2, scoreChart.toString());
        JsonNode latencyChart = chart(report, "Latency percentiles");
        assertTrue(strings(latencyChart.path("axes")).contains("latency (s)"));
        assertEquals(MODELS, strings(latencyChart.path("legend")));

        JsonNode stream = pages.get("stream");
        assertTrue(stream != null, "the report links to its stream");
        JsonNode history = chart(stream, "Pass rate of ");
        assertEquals(List.of("time (UTC)", "pass rate (%)"), strings(history.path("axes")));
        assertTrue(strings(history.path("legend")).contains("pass rate (pass@1)"), history.toString());
        assertTrue(strings(history.path("legend")).contains("new reference run"), history.toString());
        assertTrue(text(stream).contains(a.substring(0, 8)) && text(stream).contains(b.substring(0, 8)));

        assertEquals(200, pages.get("regression").path("status").asInt());
        assertTrue(text(pages.get("regression")).contains("Regression report of " + b));

        JsonNode compare = pages.get("compare");
        JsonNode comparison = api.compare(a, b); // the JSON API the page is made from
        for (JsonNode m : comparison.path("models")) {
            JsonNode all = m.path("all");
            String line = m.path("model").asText() + ("base".equals(m.path("variant").asText()) ? ""
                    : " (" + m.path("variant").asText() + ")") + "\t" + pct(all.path("passRateA").asDouble()) + "\t"
                    + pct(all.path("passRateB").asDouble()) + "\t"
                    + String.format(Locale.ROOT, "%+.1f pp", all.path("difference").asDouble() * 100);
            assertTrue(text(compare).contains(line), "the comparison shows " + line + ":\n" + text(compare));
        }
        assertTrue(text(compare).contains("Items that flipped ("), text(compare));

        assertEquals(200, pages.get("frontier").path("status").asInt());
        assertTrue(text(pages.get("frontier")).contains("Cost-quality frontier"));
        assertTrue(text(pages.get("alerts")).contains("console check"), text(pages.get("alerts")));

        JsonNode viewerAck = pages.get("viewer-acknowledge");
        assertEquals(403, viewerAck.path("status").asInt());
        assertTrue(text(viewerAck).contains("This requires the operator role"), text(viewerAck));
        assertTrue(text(pages.get("operator-acknowledge")).contains("Acknowledged alert " + alertId),
                text(pages.get("operator-acknowledge")));
        assertTrue(text(pages.get("operator-resolve")).contains("Resolved alert " + alertId),
                text(pages.get("operator-resolve")));
        JsonNode resolved = api.alerts("resolved");
        boolean found = false;
        for (JsonNode alert : resolved) {
            if (alertId.equals(alert.path("alertId").asText())) {
                found = true;
                assertEquals("e2e-operator", alert.path("acknowledgedBy").asText(), alert.toString());
            }
        }
        assertTrue(found, "the alert is resolved in the API too");

        for (JsonNode page : result.path("pages")) {
            Path shot = Path.of(page.path("screenshot").asText());
            assertTrue(Files.size(shot) > 10_000, shot + " is a real screenshot (" + Files.size(shot) + " bytes)");
        }
    }

    private static String run(EvalwatchApi api, String series) {
        ObjectNode request = JSON.createObjectNode();
        request.put("suite", "starter");
        request.putPOJO("models", MODELS);
        request.put("samples", 2);
        request.putPOJO("tasks", List.of("luhn-checksum", "merge-intervals", "chunk-list", "add-months"));
        request.put("series", series); // a named CI series: a stream, whose first run is the reference
        String runId = api.startRun(request).path("runId").asText();
        new RunWatcher(api, System.out).await(runId, 16, Duration.ofMinutes(5));
        return runId;
    }

    /** An alert relayed from Alertmanager, which (unlike a drift alert) a person may resolve by hand. */
    private static String relayedAlert(String reportingUrl) throws Exception {
        String name = "ConsoleCheck" + UUID.randomUUID().toString().substring(0, 8);
        String payload = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
                + "{\"alertname\":\"" + name + "\",\"severity\":\"warning\"},\"annotations\":{\"summary\":"
                + "\"console check\"},\"fingerprint\":\"" + name + "\"}]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(reportingUrl + "/api/alerts/alertmanager")).header("Authorization", StackFixture.bearer())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        for (JsonNode alert : StackFixture.api().alerts("open")) {
            if (name.equals(alert.path("signal").asText())) {
                return alert.path("alertId").asText();
            }
        }
        throw new AssertionError("the relayed alert " + name + " is not listed: " + StackFixture.api().alerts("open"));
    }

    /** Runs the browser script (installing playwright-core from the lock file first) and reads its JSON. */
    private static JsonNode browse(Map<String, String> environment) throws Exception {
        Path dir = StackFixture.root().resolve("e2e-tests/browser");
        if (!Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
            assertEquals(0, exec(dir, Map.of(), List.of("npm", "ci", "--no-audit", "--no-fund"), null),
                    "npm ci in " + dir);
        }
        Path stdout = Files.createTempFile("console-browser", ".json");
        int exit = exec(dir, environment, List.of("node", "console.mjs"), stdout.toFile());
        String json = Files.readString(stdout, StandardCharsets.UTF_8);
        assertEquals(0, exit, "the browser script failed; its output:\n" + json);
        return JSON.readTree(json);
    }

    private static int exec(Path dir, Map<String, String> environment, List<String> command, File stdout)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.to(stdout));
        builder.environment().putAll(environment);
        return builder.start().waitFor();
    }

    private static JsonNode chart(JsonNode page, String titleStart) {
        for (JsonNode c : page.path("charts")) {
            if (c.path("title").asText().startsWith(titleStart)) {
                return c;
            }
        }
        throw new AssertionError("no chart '" + titleStart + "' on " + page.path("name").asText() + ": "
                + page.path("charts"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode page) {
        return page.path("text").asText();
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
