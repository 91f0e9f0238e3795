package io.evalwatch.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The documents of the listing commands, each from the JSON its service answered. Pure. */
public final class Documents {

    private static final String NONE = "-";

    private Documents() {
    }

    /** alerts: one row per alert, newest first as the service lists them. */
    public static Document alerts(JsonNode alerts, String status) {
        Document.SectionBuilder s = Document.titled("Alerts (" + status + ")")
                .section(null, "created", "signal", "model", "severity", "status", "summary", "alert")
                .empty("no " + ("all".equals(status) ? "" : status + " ") + "alerts");
        for (JsonNode a : alerts) {
            s.row(text(a, "createdAt"), text(a, "signal"), text(a, "model"), text(a, "severity"), text(a, "status"),
                    text(a, "summary"), text(a, "alertId"));
        }
        return s.build();
    }

    /** frontier: each model's composite against its cost per completed task. */
    public static Document frontier(JsonNode frontier, String suite) {
        Document.SectionBuilder s = Document.titled("Cost-quality frontier of " + suite)
                .section(null, "model", "composite", "pass rate", "$ per completed task", "composite per $",
                        "frontier")
                .empty("no completed run of " + suite + " yet");
        for (JsonNode p : frontier) {
            s.row(text(p, "model"), num(p.path("composite"), 3), num(p.path("passRate"), 3),
                    num(p.path("costPerCompletedTask"), 5), num(p.path("compositePerDollar"), 1),
                    p.path("pareto").asBoolean() ? "yes" : "dominated by " + text(p, "dominatedBy"));
        }
        return s.note("On the frontier: no other model has both a higher composite and a lower cost.").build();
    }

    /** suites list: name, version, tasks, description, and each problem. */
    public static Document suites(JsonNode suites) {
        Document.SectionBuilder s = Document.titled("Suites").section(null, "suite", "version", "tasks",
                "description", "problems").empty("no suites");
        for (JsonNode suite : suites) {
            List<String> problems = new ArrayList<>();
            suite.path("problems").forEach(p -> problems.add(p.asText()));
            s.row(text(suite, "name"), text(suite, "version"), suite.path("tasks").asText("0"),
                    suite.path("description").asText(""), problems.isEmpty() ? "none" : String.join("; ", problems));
        }
        return s.build();
    }

    /** history MODEL: the model's results run after run, oldest first. */
    public static Document history(JsonNode points, String model, String suite) {
        Document.SectionBuilder s = Document.titled("History of " + model + (suite == null ? "" : " on " + suite))
                .section(null, "completed", "run", "suite", "items", "pass@1", "weighted", "TTFT p50", "cost",
                        "fingerprints")
                .empty("no completed run of " + model + (suite == null ? "" : " on " + suite) + " yet");
        String previous = null;
        for (JsonNode p : points) {
            List<String> fingerprints = new ArrayList<>();
            p.path("systemFingerprints").forEach(f -> fingerprints.add(f.asText()));
            String joined = String.join(", ", fingerprints);
            boolean changed = previous != null && !fingerprints.isEmpty() && !joined.equals(previous);
            s.row(text(p, "completedAt"), text(p, "runId"), text(p, "suite") + " " + text(p, "suiteVersion"),
                    p.path("items").asText(), pct(p.path("passAt1")), num(p.path("weightedAccuracy"), 3),
                    p.path("ttftP50").isNumber() ? String.format(Locale.ROOT, "%.0f ms",
                            p.path("ttftP50").asDouble() * 1000) : NONE,
                    String.format(Locale.ROOT, "$%.4f", p.path("costUsd").asDouble()),
                    (joined.isEmpty() ? NONE : joined) + (changed ? " (changed)" : ""));
            if (!fingerprints.isEmpty()) {
                previous = joined;
            }
        }
        return s.note("A changed fingerprint is a new model version behind the same name.").build();
    }

    /** history --stream ID: the stream's runs with their validity, the reference, and its changes. */
    public static Document stream(JsonNode detail) {
        JsonNode stream = detail.path("stream");
        Document.SectionBuilder s = Document.titled("History of stream " + text(stream, "streamId"))
                .line(String.format(Locale.ROOT, "%s on %s, %s samples, variant %s (%s); reference %s since %s",
                        text(stream, "model"), text(stream, "suite"), stream.path("samples").asText(),
                        text(stream, "variant"), text(stream, "origin"), text(stream, "referenceRunId"),
                        text(stream, "referenceSince")))
                .section("Runs", "judged", "run", "validity", "segment", "reference")
                .empty("no run judged yet");
        for (JsonNode r : detail.path("runs")) {
            s.row(text(r, "judgedAt"), text(r, "runId"), text(r, "validity"), text(r, "segment"),
                    r.path("reference").asBoolean() ? "yes" : "");
        }
        s = s.section("Reference changes", "changed", "run", "previous", "reason", "by", "note")
                .empty("none");
        for (JsonNode c : detail.path("referenceChanges")) {
            s.row(text(c, "changedAt"), text(c, "runId"), text(c, "previousRunId"), text(c, "reason"), text(c, "actor"),
                    text(c, "note"));
        }
        return s.build();
    }

    /** compare A B: per model the pass-rate change with its interval and test, per kind, and the flipped items. */
    public static Document comparison(JsonNode c) {
        Document.SectionBuilder s = Document.titled("Run " + text(c, "runB") + " against run " + text(c, "runA"))
                .line("Items paired by task, model, sample and variant. Difference: B minus A, with Newcombe's 95 %"
                        + " interval; p: McNemar's exact two-sided test on the pairs that passed in one run only.")
                .section("Pass rate per model", "model", "pairs", "A", "B", "difference", "95 % interval",
                        "better", "worse", "p", "verdict")
                .empty("no item of B has a partner in A");
        for (JsonNode m : c.path("models")) {
            JsonNode all = m.path("all");
            s.row(modelName(m), all.path("pairs").asText(), pct(all.path("passRateA")), pct(all.path("passRateB")),
                    pp(all.path("difference")), interval(all), all.path("better").asText(),
                    all.path("worse").asText(), p(all.path("pValue")), verdict(all));
        }
        s = s.section("Per task kind", "model", "kind", "pairs", "A", "B", "difference", "95 % interval", "p",
                "verdict").empty("no pairs");
        for (JsonNode m : c.path("models")) {
            for (JsonNode k : m.path("kinds")) {
                s.row(modelName(m), text(k, "scope"), k.path("pairs").asText(), pct(k.path("passRateA")),
                        pct(k.path("passRateB")), pp(k.path("difference")), interval(k), p(k.path("pValue")),
                        verdict(k));
            }
        }
        s = s.section("Items that flipped (" + c.path("flips").size() + ")", "model", "kind", "task", "sample", "A",
                "B").empty("none: every paired item passed or failed in both runs");
        for (JsonNode f : c.path("flips")) {
            s.row(modelName(f), text(f, "kind"), text(f, "taskId"), f.path("sample").asText(),
                    outcome(f.path("passedInA").asBoolean(), f.path("categoryInA")),
                    outcome(f.path("passedInB").asBoolean(), f.path("categoryInB")));
        }
        int erroredA = c.path("erroredA").asInt();
        int erroredB = c.path("erroredB").asInt();
        int unpairedA = c.path("unpairedA").asInt();
        int unpairedB = c.path("unpairedB").asInt();
        if (erroredA + erroredB > 0) {
            s.note("Left out as pipeline errors: " + erroredA + " items of A, " + erroredB + " of B.");
        }
        if (unpairedA + unpairedB > 0) {
            s.note("Without a partner: " + unpairedA + " items of A, " + unpairedB + " of B.");
        }
        return s.build();
    }

    private static String modelName(JsonNode m) {
        String variant = m.path("variant").asText("base");
        return text(m, "model") + ("base".equals(variant) ? "" : " (" + variant + ")");
    }

    /** better and worse only when significant; otherwise the service's wording, spaced. */
    private static String verdict(JsonNode change) {
        return change.path("verdict").asText(NONE).replace('_', ' ');
    }

    private static String outcome(boolean passed, JsonNode category) {
        return passed ? "passed" : "failed (" + category.asText("?") + ")";
    }

    private static String interval(JsonNode change) {
        return "[" + pp(change.path("ciLow")) + ", " + pp(change.path("ciHigh")) + "]";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? NONE : value.asText();
    }

    static String pct(JsonNode share) {
        return share.isNumber() ? String.format(Locale.ROOT, "%.1f %%", share.asDouble() * 100) : NONE;
    }

    static String pp(JsonNode difference) {
        return difference.isNumber() ? String.format(Locale.ROOT, "%+.1f pp", difference.asDouble() * 100) : NONE;
    }

    private static String p(JsonNode p) {
        return p.isNumber() ? (p.asDouble() < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p.asDouble()))
                : NONE;
    }

    private static String num(JsonNode n, int decimals) {
        return n.isNumber() ? String.format(Locale.ROOT, "%." + decimals + "f", n.asDouble()) : NONE;
    }
}
