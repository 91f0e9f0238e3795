package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.EvalwatchCommand;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.ItemIds;
import io.evalwatch.simulator.truth.AnswerKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accuracy as a spectrum, end to end: every answer kind the simulator can inject (the reference and each kind of
 * known mistake) is run through the real pipeline (generator, sandbox with its analysers, scoring, reporting) on
 * the starter suite, and each item must land in the failure category that kind stands for. The truth of an item
 * is what the simulator says it delivered for that item's seed (a mistake that cannot be made for a task falls back
 * to another kind), asked through its admin API, never assumed.
 */
class FailureTaxonomyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    private static String runId;
    private static JsonNode items;
    private static JsonNode report;

    @BeforeAll
    static void run() throws Exception {
        EvalwatchApi api = StackFixture.api();
        ObjectNode request = JSON.createObjectNode().put("suite", "starter").put("samples", 1);
        request.putPOJO("models", AnswerKindModels.models());
        runId = api.startRun(request).path("runId").asText();
        int expected = AnswerKindModels.models().size() * 10;
        report = new RunWatcher(api, System.out).await(runId, expected, Duration.ofMinutes(10));
        assertEquals("completed", report.path("status").asText(), report.toPrettyString());
        items = api.items(runId);
        assertEquals(expected, items.size());
    }

    @Test
    void eachInjectedMistakeIsScoredAsItsCategory() throws Exception {
        List<String> wrong = new ArrayList<>();
        int offByOneWithoutEvidence = 0;
        Map<AnswerKind, Integer> seen = new EnumMap<>(AnswerKind.class);
        for (JsonNode item : items) {
            String model = item.path("model").asText();
            String task = item.path("taskId").asText();
            long seed = ItemIds.seedOf(item.path("itemId").asText());
            AnswerKind delivered = delivered(model, task, seed);
            seen.merge(delivered, 1, Integer::sum);
            String expected = delivered.expectedFailureCategory();
            String actual = item.path("failureCategory").asText();
            if (delivered == AnswerKind.OFF_BY_ONE && actual.equals("wrong_answer")) {
                // a boundary is only visible where a test compares values: an off-by-one in a function whose tests
                // assert True/False (a checksum, an address check) leaves the evidence of a wrong answer, no more
                offByOneWithoutEvidence++;
                continue;
            }
            if (!expected.equals(actual)) {
                wrong.add(String.format("%s on %s delivered %s: expected %s, scored %s (secondary %s, tests %s)",
                        model, task, delivered.label(), expected, actual, item.path("secondaryCategories"),
                        summary(item.path("tests"))));
            }
            if (delivered == AnswerKind.REFUSAL) {
                assertEquals(-1.0, item.path("weightedAccuracy").asDouble(), 1e-9,
                        "a refusal scores -1, whatever its edge tests: " + item);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " items not scored as the kind the simulator delivered:\n"
                + String.join("\n", wrong));
        for (AnswerKind kind : AnswerKindModels.kinds()) {
            assertTrue(seen.getOrDefault(kind, 0) > 0, "no item delivered " + kind.label() + ": " + seen);
        }
        int offByOne = seen.getOrDefault(AnswerKind.OFF_BY_ONE, 0);
        System.out.printf("[taxonomy] delivered %s; off-by-one scored wrong_answer for lack of compared values: %d"
                + " of %d%n", seen, offByOneWithoutEvidence, offByOne);
        assertTrue(offByOneWithoutEvidence * 2 < offByOne, "most off-by-one answers show their boundary: "
                + offByOneWithoutEvidence + " of " + offByOne + " did not");
    }

    @Test
    void theReportShowsEachModelsSpectrumFailureMixQualitySignalsAndComposite() {
        JsonNode full = StackFixture.api().report(runId);
        assertEquals(AnswerKindModels.models().size(), full.path("models").size(), full.toPrettyString());
        for (JsonNode m : full.path("models")) {
            String at = " (" + m.path("model").asText() + ")";
            assertTrue(m.path("passAtK").has("pass@1"), m + at);
            JsonNode histogram = m.path("weightedAccuracyDistribution").path("histogram");
            long binned = 0;
            for (JsonNode n : histogram) {
                binned += n.asLong();
            }
            assertEquals(m.path("items").asLong(), binned, "every item in one bin of the spectrum" + at);
            assertTrue(m.path("failureMix").size() > 0, at);
            assertTrue(m.path("composite").path("value").isNumber(), m.path("composite") + at);
            assertEquals("pass-at-1", m.path("composite").path("parts").get(0).path("part").asText(), at);
        }
        JsonNode reference = model(full, AnswerKind.REFERENCE);
        assertEquals(1.0, reference.path("passAt1").asDouble(), 1e-9);
        assertEquals(1.0, reference.path("weightedAccuracyDistribution").path("min").asDouble(), 1e-9);
        // the reference answer is the reference: identical by every similarity measure, as complex as itself
        JsonNode quality = reference.path("quality");
        assertEquals(1.0, quality.path("similarity.exact_match").path("mean").asDouble(), 1e-9, quality.toString());
        assertEquals(100.0, quality.path("similarity.chrf").path("mean").asDouble(), 1e-6, quality.toString());
        assertEquals(0.0, quality.path("quality.complexity_delta").path("max").asDouble(), 1e-9, quality.toString());
        assertTrue(quality.path("quality.type_errors").path("n").asInt() > 0, "mypy ran: " + quality);
        // the analysers' parts of its composite were measured: at most the human part is missing (present once
        // the review test has stored verdicts)
        List<String> missing = texts(reference.path("composite").path("missing"));
        missing.remove("human-accept-rate");
        assertEquals(List.of(), missing, reference.path("composite").toString());
        JsonNode syntax = model(full, AnswerKind.SYNTAX_ERROR);
        assertEquals(-1.0, syntax.path("weightedAccuracyDistribution").path("max").asDouble(), 1e-9,
                "code that does not load fails every test: " + syntax);
        JsonNode wrong = model(full, AnswerKind.WRONG_PROBLEM);
        assertTrue(wrong.path("quality").path("similarity.exact_match").path("mean").asDouble() == 0.0, wrong.toString());
    }

    /**
     * Two reviewers fill the same exported sample through the CLI; the summary's kappa is the one computed by hand
     * from the pattern they were given.
     */
    @Test
    void twoReviewersOfAnExportedSampleAgreeAsKappaComputedByHandSays(@TempDir Path dir) throws Exception {
        var stack = StackFixture.stack();
        String[] urls = {"--task-url", stack.url("task-service"), "--reporting-url", stack.url("reporting-service")};
        Path file = dir.resolve("review.yaml");
        assertEquals(0, EvalwatchCommand.commandLine().execute(concat(new String[] {"review", "export", runId,
                "--minutes", "10", "--seconds-per-item", "30", "--seed", "7", "--out", file.toString()}, urls)));
        JsonNode exported = YAML.readTree(file.toFile());
        JsonNode entries = exported.path("entries");
        assertEquals(20, entries.size(), "10 minutes at 30 s an entry: " + exported);
        for (JsonNode entry : entries) {
            assertTrue(entry.path("model").isMissingNode(), "blind: no model in the file: " + entry);
        }
        // first reviewer accepts entries 0-9; second 0-7 and 10-11. Both yes 8, only the first 2, only the second
        // 2, both no 8: p_o = 16/20 = 0.8; each says yes to 10 of 20, so p_e = 0.5 * 0.5 + 0.5 * 0.5 = 0.5;
        // kappa = (0.8 - 0.5) / (1 - 0.5) = 0.6
        fill(file, dir.resolve("first.yaml"), "first", i -> i < 10);
        fill(file, dir.resolve("second.yaml"), "second", i -> i < 8 || i == 10 || i == 11);
        for (String reviewer : List.of("first", "second")) {
            assertEquals(0, EvalwatchCommand.commandLine().execute(concat(new String[] {"review", "import",
                    dir.resolve(reviewer + ".yaml").toString()}, urls)));
        }
        JsonNode summary = JSON.readTree(SimulatorAdmin.get(stack.url("reporting-service") + "/api/runs/" + runId
                + "/review/summary"));
        JsonNode pair = summary.path("all").path("reviewerAgreement").get(0);
        assertEquals(20, pair.path("entries").asInt(), summary.toPrettyString());
        assertEquals(0.8, pair.path("agreement").asDouble(), 1e-12, summary.toPrettyString());
        assertEquals(0.6, pair.path("kappa").asDouble(), 1e-12, summary.toPrettyString());
        // the human accept rate now enters the composite of the reviewed models in the run's report
        JsonNode after = StackFixture.api().report(runId);
        assertTrue(after.path("models").findValues("parts").stream()
                .anyMatch(parts -> texts(parts).contains("human-accept-rate")),
                "a reviewed model's composite takes in the reviews: " + after);
    }

    private static void fill(Path exported, Path filled, String reviewer, java.util.function.IntPredicate accept)
            throws Exception {
        ObjectNode file = (ObjectNode) YAML.readTree(exported.toFile());
        file.put("reviewer", reviewer);
        int i = 0;
        for (JsonNode entry : file.path("entries")) {
            ((ObjectNode) entry).put("accept", accept.test(i) ? "yes" : "no");
            ((ObjectNode) entry).put("introduces_bug", "no");
            i++;
        }
        YAML.writeValue(filled.toFile(), file);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static JsonNode model(JsonNode report, AnswerKind kind) {
        for (JsonNode m : report.path("models")) {
            if (m.path("model").asText().equals(AnswerKindModels.modelOf(kind))) {
                return m;
            }
        }
        throw new AssertionError("no model " + AnswerKindModels.modelOf(kind) + " in the report");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.path("part").asText()));
        return out;
    }

    private static AnswerKind delivered(String model, String task, long seed) throws Exception {
        String url = StackFixture.stack().url("model-simulator") + "/admin/answers?model="
                + URLEncoder.encode(model, StandardCharsets.UTF_8) + "&task=" + URLEncoder.encode(task,
                StandardCharsets.UTF_8) + "&seed=" + seed;
        JsonNode preview = JSON.readTree(SimulatorAdmin.get(url));
        AnswerKind kind = AnswerKind.fromLabel(preview.path("delivered").asText());
        if (kind == null) {
            throw new IllegalStateException("the simulator's preview names no known kind: " + preview);
        }
        return kind;
    }

    private static String summary(JsonNode tests) {
        StringBuilder out = new StringBuilder();
        for (JsonNode t : tests) {
            out.append(t.path("name").asText()).append('=').append(t.path("status").asText());
            if (!t.path("message").isMissingNode() && !t.path("message").isNull()) {
                String m = t.path("message").asText();
                out.append('(').append(m.length() > 80 ? m.substring(0, 80) : m).append(')');
            }
            out.append(' ');
        }
        return out.toString().strip();
    }
}
