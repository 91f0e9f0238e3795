package io.evalwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The provisioned Grafana dashboards as the PromQL they send: every panel target, every Prometheus annotation and
 * every label_values variable, with Grafana's variables replaced the way Grafana would for one point in time.
 */
final class PrometheusDashboards {

    static final String DATASOURCE_TYPE = "prometheus";
    static final String DATASOURCE_UID = "evalwatch-prometheus";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");

    /** One PromQL expression of a dashboard, where it comes from, and the variables it may use. */
    record Query(String dashboard, String where, String expr, Set<String> variables) {

        /**
         * The expression as Grafana sends it when every template variable is "All" (regex .*) and the panel
         * covers {@code window} (a PromQL duration) with a single point: $__range, $__interval and
         * $__rate_interval all become that window.
         */
        String resolved(String window, long windowSeconds) {
            String expr = this.expr
                    .replace("$__rate_interval", window).replace("${__rate_interval}", window)
                    .replace("$__interval_ms", Long.toString(windowSeconds * 1000))
                    .replace("$__interval", window).replace("${__interval}", window)
                    .replace("$__range_ms", Long.toString(windowSeconds * 1000))
                    .replace("$__range_s", Long.toString(windowSeconds))
                    .replace("$__range", window).replace("${__range}", window);
            Matcher m = VARIABLE.matcher(expr);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                if (!variables.contains(name)) {
                    throw new IllegalStateException(dashboard + " / " + where + " uses $" + name
                            + ", which is not a variable of the dashboard: " + this.expr);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(".*"));
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public String toString() {
            return dashboard + " / " + where;
        }
    }

    /** A query variable: label_values(selector, label). */
    record LabelVariable(String dashboard, String name, String selector, String label) {
    }

    private final List<Query> queries = new ArrayList<>();
    private final List<LabelVariable> variables = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> titles = new ArrayList<>();

    private PrometheusDashboards() {
    }

    static PrometheusDashboards load(Path folder) {
        PrometheusDashboards dashboards = new PrometheusDashboards();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no dashboards in " + folder);
        }
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            try {
                dashboards.read(file, JSON.readTree(file.toFile()), uids);
            } catch (IOException e) {
                dashboards.problems.add(file.getFileName() + " is not valid JSON: " + e.getMessage());
            }
        }
        return dashboards;
    }

    List<Query> queries() {
        return queries;
    }

    List<LabelVariable> variables() {
        return variables;
    }

    /** What is wrong with the files themselves: missing uids, a datasource other than evalwatch-prometheus, … */
    List<String> problems() {
        return problems;
    }

    List<String> titles() {
        return titles;
    }

    private void read(Path file, JsonNode board, Set<String> uids) {
        String title = board.path("title").asText(file.getFileName().toString());
        titles.add(title);
        if (board.path("uid").asText().isBlank() || !uids.add(board.path("uid").asText())) {
            problems.add(title + ": missing or duplicate uid");
        }
        if (board.path("schemaVersion").asInt() < 36) {
            problems.add(title + ": schemaVersion " + board.path("schemaVersion").asInt() + " is older than Grafana 9");
        }

        Set<String> names = new HashSet<>();
        for (JsonNode v : board.path("templating").path("list")) {
            String name = v.path("name").asText();
            names.add(name);
            if (!"query".equals(v.path("type").asText())) {
                continue;
            }
            checkDatasource(title, "variable $" + name, v.path("datasource"));
            String definition = v.path("query").isObject() ? v.path("query").path("query").asText()
                    : v.path("query").asText();
            Matcher m = LABEL_VALUES.matcher(definition.trim());
            if (m.matches()) {
                variables.add(new LabelVariable(title, name, m.group(1).trim(), m.group(2)));
            } else {
                problems.add(title + ": variable $" + name + " is not a label_values(metric, label) query: "
                        + definition);
            }
        }

        for (JsonNode a : board.path("annotations").path("list")) {
            if (a.path("builtIn").asInt() == 1) {
                continue;
            }
            String where = "annotation \"" + a.path("name").asText() + "\"";
            checkDatasource(title, where, a.path("datasource"));
            addQuery(title, where, a.path("expr").asText(a.path("target").path("expr").asText()), names);
        }

        Set<Integer> ids = new HashSet<>();
        List<JsonNode> panels = new ArrayList<>();
        board.path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add); // panels inside collapsed rows
        });
        for (JsonNode panel : panels) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            String where = "panel \"" + panel.path("title").asText() + "\"";
            if (!ids.add(panel.path("id").asInt())) {
                problems.add(title + " / " + where + ": duplicate panel id " + panel.path("id").asInt());
            }
            checkDatasource(title, where, panel.path("datasource"));
            if (panel.path("targets").isEmpty()) {
                problems.add(title + " / " + where + ": no targets");
            }
            for (JsonNode t : panel.path("targets")) {
                String target = where + " " + t.path("refId").asText();
                checkDatasource(title, target, t.path("datasource"));
                addQuery(title, target, t.path("expr").asText(), names);
            }
        }
    }

    private void addQuery(String title, String where, String expr, Set<String> variableNames) {
        if (expr.isBlank()) {
            problems.add(title + " / " + where + ": empty expr");
            return;
        }
        queries.add(new Query(title, where, expr, Set.copyOf(variableNames)));
    }

    private void checkDatasource(String title, String where, JsonNode datasource) {
        if (!DATASOURCE_TYPE.equals(datasource.path("type").asText())
                || !DATASOURCE_UID.equals(datasource.path("uid").asText())) {
            problems.add(title + " / " + where + ": datasource must be {\"type\":\"" + DATASOURCE_TYPE
                    + "\",\"uid\":\"" + DATASOURCE_UID + "\"}, is " + datasource);
        }
    }
}
