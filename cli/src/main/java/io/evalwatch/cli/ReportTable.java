package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;

/** Renders a run report (the JSON of reporting-service) as text tables for the terminal. */
public final class ReportTable {

    private ReportTable() {
    }

    public static String render(JsonNode report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run %s  suite %s (%s)  %s%n", report.path("runId").asText(),
                report.path("suite").asText(), report.path("suiteVersion").asText(), report.path("status").asText()));
        out.append(String.format(Locale.ROOT, "Items: %d scored, %d errored, %s expected%n%n",
                report.path("scoredItems").asInt(), report.path("erroredItems").asInt(),
                report.path("expectedItems").asText("?")));

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "items", "passed", "pass@1", "pass@k", "weighted", "composite", "TTFT p50",
                "TTFT p95", "total p95", "tok/s", "cost $", "$/passed"});
        for (JsonNode m : report.path("models")) {
            rows.add(new String[] {m.path("model").asText(), m.path("items").asText(), m.path("passed").asText(),
                    pct(m.path("passAt1")), passAtK(m.path("passAtK")), num(m.path("weightedAccuracy"), 3),
                    num(m.path("composite").path("value"), 3),
                    secs(m.path("latency").path("ttftP50")), secs(m.path("latency").path("ttftP95")),
                    secs(m.path("latency").path("durationP95")), num(m.path("latency").path("outputTokensPerSecondP50"), 1),
                    num(m.path("cost").path("totalUsd"), 4), num(m.path("cost").path("perPassedTaskUsd"), 4)});
        }
        out.append(table(rows)).append('\n');

        List<String[]> mix = new ArrayList<>();
        mix.add(new String[] {"model", "failure mix", "secondary", "composite parts", "attempts", "ITL p50/p95"});
        for (JsonNode m : report.path("models")) {
            JsonNode retries = m.path("retries");
            mix.add(new String[] {m.path("model").asText(), counts(m.path("failureMix")),
                    counts(m.path("secondaryFailureMix")), compositeParts(m.path("composite")),
                    retries.path("items").asInt() == 0 ? "-" : retries.path("totalAttempts").asText() + " ("
                            + retries.path("retriedItems").asText() + " retried)",
                    secs(m.path("latency").path("interTokenP50")) + " / " + secs(m.path("latency").path("interTokenP95"))});
        }
        out.append(table(mix)).append('\n');

        List<String[]> quality = new ArrayList<>();
        quality.add(new String[] {"model", "measure", "n", "mean", "p50", "p90", "max", "non-zero"});
        for (JsonNode m : report.path("models")) {
            m.path("quality").fields().forEachRemaining(e -> quality.add(new String[] {m.path("model").asText(),
                    e.getKey(), e.getValue().path("n").asText(), num(e.getValue().path("mean"), 3),
                    num(e.getValue().path("p50"), 3), num(e.getValue().path("p90"), 3),
                    num(e.getValue().path("max"), 3), pct(e.getValue().path("nonZeroShare"))}));
        }
        if (quality.size() > 1) {
            out.append(table(quality)).append('\n');
        }

        // the suite's LLM judge, advisory: its grades sit beside the tests' verdict and never decide it
        List<String[]> judged = new ArrayList<>();
        judged.add(new String[] {"model", "judge", "judged", "unscored", "mean 1-5", "grades 1/2/3/4/5",
                "agrees with tests", "kappa", "judge cost $"});
        for (JsonNode m : report.path("models")) {
            JsonNode j = m.path("judge");
            if (j.isMissingNode() || j.isNull()) {
                continue;
            }
            StringBuilder grades = new StringBuilder();
            for (int g = 1; g <= 5; g++) {
                grades.append(g == 1 ? "" : "/").append(j.path("distribution").path(Integer.toString(g)).asLong(0));
            }
            judged.add(new String[] {m.path("model").asText(), String.join(",", texts(j.path("judgeModels"))),
                    j.path("itemsJudged").asText(), j.path("unscored").asText(), num(j.path("meanScore"), 2),
                    grades.toString(), pct(j.path("agreement")), num(j.path("kappa"), 2),
                    num(j.path("costUsd"), 4)});
        }
        if (judged.size() > 1) {
            out.append(table(judged)).append('\n');
        }

        // one section per kind of code work: its own figures (review per tier, search ranks, completion coherence)
        List<String[]> kinds = new ArrayList<>();
        kinds.add(new String[] {"model", "kind", "items", "pass@1", "weighted", "figures"});
        for (JsonNode m : report.path("models")) {
            for (JsonNode k : m.path("kinds")) {
                kinds.add(new String[] {m.path("model").asText(), k.path("kind").asText(), k.path("items").asText(),
                        pct(k.path("passAt1")), num(k.path("weightedScore"), 3), figures(k.path("figures"))});
            }
        }
        if (kinds.size() > 1) {
            out.append(table(kinds)).append('\n');
        }

        List<String[]> tags = new ArrayList<>();
        tags.add(new String[] {"model", "tag", "items", "pass@1", "weighted"});
        for (JsonNode m : report.path("models")) {
            for (JsonNode t : m.path("tags")) {
                tags.add(new String[] {m.path("model").asText(), t.path("tag").asText(), t.path("items").asText(),
                        pct(t.path("passAt1")), num(t.path("weightedScore"), 3)});
            }
        }
        if (tags.size() > 1) {
            out.append(table(tags)).append('\n');
        }

        List<String[]> categories = new ArrayList<>();
        categories.add(new String[] {"model", "category", "items", "pass@1", "weighted"});
        for (JsonNode m : report.path("models")) {
            for (JsonNode c : m.path("categories")) {
                categories.add(new String[] {m.path("model").asText(), c.path("category").asText(),
                        c.path("items").asText(), pct(c.path("passAt1")), num(c.path("weightedAccuracy"), 3)});
            }
        }
        out.append(table(categories));
        variants(report, out);
        contamination(report, out);
        return out.toString();
    }

    /** The contamination probe (a run with the twin variant): one finding per model. */
    static void contamination(JsonNode report, StringBuilder out) {
        if (report.path("contamination").isEmpty()) {
            return;
        }
        out.append('\n').append("Contamination probe (originals against their twins)\n");
        for (JsonNode p : report.path("contamination")) {
            out.append(p.path("flagged").asBoolean() ? "FLAGGED " : "").append(p.path("finding").asText()).append('\n');
        }
    }

    /** Prompt variants (a run of several): each one's figures, then each against base with the test's verdict. */
    static void variants(JsonNode report, StringBuilder out) {
        List<String[]> figures = new ArrayList<>();
        figures.add(new String[] {"model", "variant", "items", "pass rate", "weighted", "TTFT p50", "total p50",
                "out tokens", "$/completed", "TTFT vs base", "total vs base"});
        List<String> verdicts = new ArrayList<>();
        for (JsonNode m : report.path("variants")) {
            String model = m.path("model").asText();
            for (JsonNode v : m.path("variants")) {
                figures.add(new String[] {model, v.path("variant").asText(), v.path("items").asText(),
                        pct(v.path("passRate")), num(v.path("weightedScore"), 3), secs(v.path("ttftP50Seconds")),
                        secs(v.path("durationP50Seconds")), num(v.path("meanOutputTokens"), 0),
                        num(v.path("costPerCompletedTaskUsd"), 5), signedPct(v.path("ttftChange")),
                        signedPct(v.path("durationChange"))});
            }
            for (JsonNode c : m.path("comparisons")) {
                verdicts.add(model + ": " + c.path("conclusion").asText());
                if (c.hasNonNull("promptingProblem")) {
                    verdicts.add(model + ": " + c.path("promptingProblem").asText());
                }
            }
        }
        if (figures.size() > 1) {
            out.append('\n').append("Prompt variants (the tables above are of base)\n").append(table(figures));
            verdicts.forEach(v -> out.append(v).append('\n'));
        }
    }

    private static String signedPct(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%+.1f%%", n.asDouble() * 100) : "-";
    }

    /** A kind's own figures as "name value" pairs; pass rate, weighted score and raw counts have their columns. */
    static String figures(JsonNode figures) {
        List<String> parts = new ArrayList<>();
        figures.fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (!name.equals("pass_rate") && !name.equals("weighted_score") && !name.endsWith("found")
                    && !name.endsWith("missed") && !name.endsWith("_false_positives")
                    && !name.equals("false_positives")) {
                parts.add(name + " " + num(e.getValue(), 2));
            }
        });
        return String.join(", ", parts);
    }

    public static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        Column[] cols = new Column[columns];
        for (int c = 0; c < columns; c++) {
            int width = 0;
            for (String[] row : rows) {
                width = Math.max(width, row[c].length());
            }
            cols[c] = new Column(Math.min(width + 2, 80), 0, Overflow.WRAP);
        }
        TextTable table = TextTable.forColumns(new ColorScheme.Builder(Ansi.OFF).build(), cols);
        rows.forEach(table::addRowValues);
        return table.toString();
    }

    private static String counts(JsonNode mix) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = mix.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + " " + e.getValue().asInt());
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** "pass-at-1 80.0%, type-errors 95.0%; no data: human-accept-rate". */
    static String compositeParts(JsonNode composite) {
        List<String> parts = new ArrayList<>();
        composite.path("parts").forEach(p -> parts.add(p.path("part").asText().toLowerCase(Locale.ROOT)
                .replace('_', '-') + " " + pct(p.path("value"))));
        List<String> missing = new ArrayList<>();
        composite.path("missing").forEach(p -> missing.add(p.asText().toLowerCase(Locale.ROOT).replace('_', '-')));
        String text = parts.isEmpty() ? "-" : String.join(", ", parts);
        return missing.isEmpty() ? text : text + "; no data: " + String.join(", ", missing);
    }

    private static String passAtK(JsonNode passAtK) {
        List<String> parts = new ArrayList<>();
        passAtK.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("pass@1")) {
                parts.add(e.getKey().replace("pass", "") + " " + pct(e.getValue()));
            }
        });
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }

    private static String pct(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.1f%%", n.asDouble() * 100) : "-";
    }

    private static String num(JsonNode n, int decimals) {
        return n.isNumber() ? String.format(Locale.ROOT, "%." + decimals + "f", n.asDouble()) : "-";
    }

    private static String secs(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.0f ms", n.asDouble() * 1000) : "-";
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
