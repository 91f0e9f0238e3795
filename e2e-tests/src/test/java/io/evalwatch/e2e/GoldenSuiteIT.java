package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.ItemIds;
import io.evalwatch.simulator.truth.AnswerKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The golden suite's four kinds of code work, end to end, against two simulated models: every item's measures must
 * be what the simulator's seed dictates for it. For each item the simulator's admin API says what it answered (the
 * delivered kind; for review the known findings it reported and how many it invented; for search the rank of the
 * first gold location and whether a near miss came first). The expected measures are computed here from that truth
 * and the task file (its known findings by tier, its gold locations), never from the scorer's code.
 */
class GoldenSuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> MODELS = List.of("sim-alpha", "sim-beta");
    private static final double EPS = 1e-9;
    private static final Map<String, JsonNode> TASKS = new HashMap<>();
    private static String runId;
    private static JsonNode items;

    @BeforeAll
    static void run() throws Exception {
        try (Stream<Path> files = Files.list(StackFixture.root().resolve("suites/golden/tasks"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                JsonNode task = YAML.readTree(file.toFile());
                TASKS.put(task.path("id").asText(), task);
            }
        }
        EvalwatchApi api = StackFixture.api();
        ObjectNode request = JSON.createObjectNode().put("suite", "golden").put("samples", 1);
        request.putPOJO("models", MODELS);
        runId = api.startRun(request).path("runId").asText();
        int expected = MODELS.size() * TASKS.size();
        JsonNode report = new RunWatcher(api, System.out).await(runId, expected, Duration.ofMinutes(15));
        assertEquals("completed", report.path("status").asText(), report.toPrettyString());
        items = api.items(runId);
        assertEquals(expected, items.size());
    }

    @Test
    void everyItemsMeasuresAreWhatTheSimulatorsSeedDictates() throws Exception {
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> checked = new TreeMap<>();
        int reportedFindings = 0;
        int goldFirst = 0;
        for (JsonNode item : items) {
            String model = item.path("model").asText();
            String taskId = item.path("taskId").asText();
            JsonNode task = TASKS.get(taskId);
            String kind = task.path("kind").asText("generation");
            assertEquals(kind, item.path("kind").asText(), "the item carries its task's kind: " + taskId);
            JsonNode truth = preview(model, taskId, ItemIds.seedOf(item.path("itemId").asText()));
            // the simulator must know the task, and answer a review or search with its truth: else nothing is checked
            assertTrue(truth.path("delivered").isTextual(), "the simulator knows " + taskId + ": " + truth);
            assertEquals(kind.equals("review") || kind.equals("search"), truth.path("truth").isObject(),
                    "a review or search answer carries its truth: " + truth);
            String where = model + " on " + taskId + " (" + truth.path("delivered").asText() + ", truth "
                    + truth.path("truth") + "): ";
            List<String> problems = switch (kind) {
                case "generation" -> generation(item, truth);
                case "completion" -> completion(item, truth);
                case "review" -> review(item, truth, task);
                case "search" -> search(item, truth, task);
                default -> List.of("unknown kind " + kind);
            };
            problems.forEach(p -> wrong.add(where + p));
            reportedFindings += truth.path("truth").path("reportedFindings").size();
            goldFirst += truth.path("truth").path("goldRank").asInt() == 1 ? 1 : 0;
            checked.merge(kind, 1, Integer::sum);
        }
        System.out.printf("[golden] items checked by kind: %s%n", checked);
        assertTrue(wrong.isEmpty(), wrong.size() + " items differ from the simulator's truth:\n"
                + String.join("\n", wrong));
        assertEquals(Map.of("completion", 30, "generation", 60, "review", 40, "search", 30), checked);
        assertTrue(reportedFindings > 0 && goldFirst > 0, "the models found findings (" + reportedFindings
                + ") and put gold locations first (" + goldFirst + "): the measures were not all zero");
    }

    @Test
    void theReportHasASectionPerKindTiersForReviewAndEveryTag() {
        JsonNode report = StackFixture.api().report(runId);
        for (JsonNode m : report.path("models")) {
            List<String> kinds = new ArrayList<>();
            m.path("kinds").forEach(k -> kinds.add(k.path("kind").asText()));
            assertEquals(List.of("generation", "completion", "review", "search"), kinds, m.path("model").asText());
            JsonNode review = m.path("kinds").get(2).path("figures");
            for (String figure : List.of("precision", "recall", "f1", "tier1_recall", "tier2_recall",
                    "tier3_recall")) {
                assertTrue(review.path(figure).isNumber(), figure + " in " + review);
            }
            JsonNode search = m.path("kinds").get(3).path("figures");
            for (String figure : List.of("mrr", "ndcg_at_5", "precision_at_1", "recall_at_5")) {
                assertTrue(search.path(figure).isNumber(), figure + " in " + search);
            }
            assertTrue(m.path("kinds").get(1).path("figures").path("identifier_f1").isNumber(), m.toString());
            List<String> tags = new ArrayList<>();
            m.path("tags").forEach(t -> tags.add(t.path("tag").asText()));
            assertTrue(tags.contains("security") && tags.stream().anyMatch(t -> t.startsWith("domain:")), tags.toString());
            assertTrue(m.path("categories").size() > 5, m.path("categories").toString());
        }
    }

    private static List<String> generation(JsonNode item, JsonNode truth) {
        boolean reference = truth.path("delivered").asText().equals(AnswerKind.REFERENCE.label());
        return item.path("passed").asBoolean() == reference ? List.of()
                : List.of("passed " + item.path("passed") + " (" + item.path("failureCategory").asText() + ")");
    }

    private static List<String> completion(JsonNode item, JsonNode truth) {
        List<String> problems = new ArrayList<>(generation(item, truth));
        boolean reference = truth.path("delivered").asText().equals(AnswerKind.REFERENCE.label());
        expect(problems, item, "completion.exact_match", reference ? 1 : 0);
        if (reference) {
            expect(problems, item, "completion.edit_similarity", 1);
            expect(problems, item, "completion.identifier_f1", 1);
            expect(problems, item, "completion.invented_identifiers", 0);
        }
        return problems;
    }

    private static List<String> review(JsonNode item, JsonNode preview, JsonNode task) {
        List<String> problems = new ArrayList<>();
        JsonNode truth = preview.path("truth");
        if (unreadable(item, truth, problems)) {
            return problems;
        }
        JsonNode known = task.path("findings");
        int[] knownByTier = new int[4];
        int[] foundByTier = new int[4];
        int highest = 0;
        for (JsonNode f : known) {
            knownByTier[f.path("tier").asInt()]++;
            highest = Math.max(highest, f.path("tier").asInt());
        }
        for (JsonNode index : truth.path("reportedFindings")) {
            foundByTier[known.get(index.asInt()).path("tier").asInt()]++;
        }
        int tp = truth.path("reportedFindings").size();
        int fp = truth.path("inventedFindings").asInt();
        int fn = known.size() - tp;
        expect(problems, item, "review.tp", tp);
        expect(problems, item, "review.fp", fp);
        expect(problems, item, "review.fn", fn);
        for (int tier = 1; tier <= 3; tier++) {
            if (knownByTier[tier] > 0) {
                expect(problems, item, "review.tier" + tier + ".tp", foundByTier[tier]);
                expect(problems, item, "review.tier" + tier + ".fn", knownByTier[tier] - foundByTier[tier]);
                // an unmatched finding is charged to the task's highest tier
                expect(problems, item, "review.tier" + tier + ".fp", tier == highest ? fp : 0);
            }
        }
        double precision = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        double recall = tp / (double) known.size();
        expect(problems, item, "review.recall", recall);
        if (tp + fp > 0) {
            expect(problems, item, "review.precision", precision);
        }
        boolean passed = fn == 0 && fp == 0;
        if (item.path("passed").asBoolean() != passed) {
            problems.add("passed " + item.path("passed") + ", expected " + passed);
        }
        return problems;
    }

    private static List<String> search(JsonNode item, JsonNode preview, JsonNode task) {
        List<String> problems = new ArrayList<>();
        JsonNode truth = preview.path("truth");
        if (unreadable(item, truth, problems)) {
            return problems;
        }
        int rank = truth.path("goldRank").asInt();
        int gold = task.path("gold").size();
        expect(problems, item, "search.mrr", rank > 0 ? 1.0 / rank : 0);
        expect(problems, item, "search.exact_hit", rank == 1 ? 1 : 0);
        expect(problems, item, "search.precision_at_1", rank == 1 ? 1 : 0);
        expect(problems, item, "search.near_miss", truth.path("nearMissFirst").asBoolean() ? 1 : 0);
        // the gold locations come one after another from the drawn rank; those within the top five count
        expect(problems, item, "search.recall_at_5", rank > 0 ? Math.min(gold, 6 - rank) / (double) gold : 0);
        if (item.path("passed").asBoolean() != (rank == 1)) {
            problems.add("passed " + item.path("passed") + ", expected " + (rank == 1));
        }
        return problems;
    }

    /** A refusal or JSON cut short: the item is a refusal or a format failure and scores nothing. */
    private static boolean unreadable(JsonNode item, JsonNode truth, List<String> problems) {
        String expected = truth.path("refused").asBoolean() ? "refusal"
                : truth.path("malformed").asBoolean() ? "format_failure" : null;
        if (expected == null) {
            return false;
        }
        if (!expected.equals(item.path("failureCategory").asText()) || item.path("passed").asBoolean()) {
            problems.add("expected " + expected + ", scored " + item.path("failureCategory").asText());
        }
        return true;
    }

    private static void expect(List<String> problems, JsonNode item, String metric, double expected) {
        JsonNode actual = item.path("metrics").path(metric);
        if (!actual.isNumber() || Math.abs(actual.asDouble() - expected) > EPS) {
            problems.add(metric + " = " + (actual.isMissingNode() ? "absent" : actual.asText()) + ", expected "
                    + expected);
        }
    }

    private static JsonNode preview(String model, String task, long seed) throws Exception {
        String url = StackFixture.stack().url("model-simulator") + "/admin/answers?model="
                + URLEncoder.encode(model, StandardCharsets.UTF_8) + "&task=" + URLEncoder.encode(task,
                StandardCharsets.UTF_8) + "&seed=" + seed;
        return JSON.readTree(SimulatorAdmin.get(url));
    }
}
