package io.evalwatch.task.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.task.suite.Suite;
import io.evalwatch.task.suite.SuiteValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads monitors.yaml and checks every monitor against the suites and models that exist, collecting each problem
 * with the monitor and field it concerns. A broken monitor does not stop the others.
 */
public final class MonitorLoader {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    static final Set<String> FIELDS = Set.of("name", "suite", "models", "samples", "tasks", "cron", "enabled",
            "catch_up", "variants");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Function<String, Optional<Suite>> suites;
    private final Collection<String> suiteNames;
    private final Set<String> models;
    private final String modelsProblem;
    private final int maxSamples;

    /**
     * @param suites finds a suite by name (throws SuiteValidationException for an invalid one)
     * @param models the configured model names, or null when the model catalogue cannot be read
     * @param modelsProblem why the catalogue cannot be read, when models is null
     */
    public MonitorLoader(Function<String, Optional<Suite>> suites, Collection<String> suiteNames, Set<String> models,
            String modelsProblem, int maxSamples) {
        this.suites = suites;
        this.suiteNames = suiteNames;
        this.models = models;
        this.modelsProblem = modelsProblem;
        this.maxSamples = maxSamples;
    }

    /** Every monitor in the file, valid or not; none when the file does not exist. */
    public List<Monitor> load(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        JsonNode list = root.path("monitors");
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(file + ": 'monitors' must be a list of monitors");
        }
        List<Monitor> monitors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int position = 0;
        for (JsonNode node : list) {
            position++;
            Monitor monitor = monitor(node, position);
            Integer first = seen.putIfAbsent(monitor.name(), position);
            if (first != null) {
                List<String> problems = new ArrayList<>(monitor.problems());
                problems.add(0, "field 'name': '" + monitor.name() + "' is already the name of monitor #" + first
                        + "; names must be unique");
                monitor = withProblems(monitor, problems);
            }
            monitors.add(monitor);
        }
        return List.copyOf(monitors);
    }

    private Monitor monitor(JsonNode node, int position) {
        List<String> problems = new ArrayList<>();
        if (!node.isObject()) {
            return new Monitor("#" + position, null, List.of(), 1, List.of(), Monitor.DEFAULT_CRON, false, false,
                    List.of("monitor #" + position + " must be a mapping of name, suite, models, ..."));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                problems.add("field '" + field + "' is unknown; known fields: " + FIELDS.stream().sorted().toList());
            }
        }
        String name = text(node, "name");
        if (name == null) {
            problems.add("field 'name' is required");
            name = "#" + position;
        } else if (!NAME.matcher(name).matches()) {
            problems.add("field 'name': '" + name + "' must match " + NAME.pattern()
                    + " (it is used in URLs and metric labels)");
        }
        String suiteName = text(node, "suite");
        Suite suite = suite(suiteName, problems);
        List<String> modelNames = list(node, "models", problems);
        checkModels(modelNames, problems);
        int samples = samples(node, problems);
        List<String> tasks = list(node, "tasks", problems);
        if (suite != null) {
            tasks.stream().filter(t -> suite.task(t).isEmpty()).forEach(t -> problems.add("field 'tasks': suite '"
                    + suite.name() + "' has no task '" + t + "'"));
        }
        String cron = node.has("cron") ? text(node, "cron") : Monitor.DEFAULT_CRON;
        try {
            MonitorSchedule.parse(cron);
        } catch (IllegalArgumentException e) {
            problems.add("field 'cron': " + e.getMessage());
        }
        boolean enabled = bool(node, "enabled", problems);
        boolean catchUp = bool(node, "catch_up", problems);
        List<String> variants = list(node, "variants", problems);
        variants.stream().filter(v -> PromptVariant.of(v).isEmpty()).forEach(v -> problems.add("field 'variants':"
                + " unknown prompt variant '" + v + "'; known variants: " + PromptVariant.ids()));
        return new Monitor(name, suiteName, modelNames, samples, tasks, cron, enabled, catchUp, List.copyOf(problems),
                variants);
    }

    private Suite suite(String name, List<String> problems) {
        if (name == null) {
            problems.add("field 'suite' is required; known suites: " + suiteNames);
            return null;
        }
        try {
            Optional<Suite> suite = suites.apply(name);
            if (suite.isEmpty()) {
                problems.add("field 'suite': unknown suite '" + name + "'; known suites: " + suiteNames);
            }
            return suite.orElse(null);
        } catch (SuiteValidationException e) {
            problems.add("field 'suite': " + e.getMessage());
            return null;
        }
    }

    private void checkModels(List<String> names, List<String> problems) {
        if (names.isEmpty()) {
            problems.add("field 'models' must name at least one model" + (models == null ? "" : "; configured models: "
                    + models));
        } else if (models == null) {
            problems.add("field 'models' cannot be checked: " + modelsProblem);
        } else {
            List<String> unknown = names.stream().filter(m -> !models.contains(m)).toList();
            if (!unknown.isEmpty()) {
                problems.add("field 'models': unknown model" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + "; configured models: " + models);
            }
        }
    }

    private int samples(JsonNode node, List<String> problems) {
        JsonNode value = node.path("samples");
        if (value.isMissingNode() || value.isNull()) {
            return 1;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > maxSamples) {
            problems.add("field 'samples' must be a whole number from 1 to " + maxSamples + ", was " + value);
            return 1;
        }
        return value.asInt();
    }

    private static boolean bool(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return true;
        }
        if (!value.isBoolean()) {
            problems.add("field '" + field + "' must be true or false, was " + value);
            return false;
        }
        return value.asBoolean();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static List<String> list(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problems.add("field '" + field + "' must be a list, e.g. [a, b]");
            return List.of();
        }
        Set<String> items = new LinkedHashSet<>();
        value.forEach(v -> {
            if (v.isTextual() && !v.asText().isBlank()) {
                items.add(v.asText().trim());
            } else {
                problems.add("field '" + field + "': " + v + " is not a name");
            }
        });
        return List.copyOf(items);
    }

    private static Monitor withProblems(Monitor m, List<String> problems) {
        return new Monitor(m.name(), m.suite(), m.models(), m.samples(), m.tasks(), m.cron(), m.enabled(),
                m.catchUp(), List.copyOf(problems), m.variants());
    }
}
