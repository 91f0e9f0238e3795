package io.evalwatch.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.cli.EvalwatchApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What reporting-service concluded about a run and a stream, as the end-to-end tests read it. */
final class Verdicts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Verdicts() {
    }

    /** The run's regression report once every model's verdict is in (completed runs are judged within seconds). */
    static JsonNode awaitAnalysis(EvalwatchApi api, String runId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = api.regression(runId, null);
            return last[0].path("models").size() > 0
                    && !"pending".equals(last[0].path("models").get(0).path("verdict").asText());
        });
        return last[0];
    }

    /** The stream's alerts that still stand (open or acknowledged). */
    static JsonNode openAlerts(String streamId) {
        try {
            JsonNode all = JSON.readTree(SimulatorAdmin.get(StackFixture.stack().url("reporting-service")
                    + "/api/alerts?stream=" + streamId));
            List<JsonNode> open = new ArrayList<>();
            all.forEach(a -> {
                if (!"resolved".equals(a.path("status").asText())) {
                    open.add(a);
                }
            });
            return JSON.valueToTree(open);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
