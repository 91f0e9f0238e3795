package io.evalwatch.task.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a suite folder ({@code suite.yaml} and {@code tasks/*.yaml}) and checks it, collecting every problem with
 * the file and field it concerns instead of stopping at the first.
 */
public final class SuiteLoader {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    /** A declared version: it appears in URLs and names one immutable set of tasks. */
    static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");
    static final Set<String> LANGUAGES = Set.of("python", "javascript", "java");
    static final Set<TaskKind> SUPPORTED_KINDS = Set.of(TaskKind.GENERATION, TaskKind.COMPLETION);

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public Suite load(Path folder) {
        String name = folder.getFileName().toString();
        List<String> problems = new ArrayList<>();
        Path suiteFile = folder.resolve("suite.yaml");
        JsonNode suiteNode = read(suiteFile, problems);
        String version = null;
        String description = "";
        EnvironmentSpec environment = null;
        String judgeModel = null;
        if (suiteNode != null) {
            judgeModel = judgeModel(suiteFile, suiteNode.get("judge"), problems);
            environment = EnvironmentDeclaration.read(suiteFile, suiteNode.get("environment"), problems);
            version = text(suiteNode, "version", null);
            if (version == null || version.isBlank()) {
                problems.add(suiteFile + ": field 'version' is required (for example 1.0.0)");
            } else if (!VERSION.matcher(version).matches()) {
                problems.add(suiteFile + ": version '" + version + "' must match " + VERSION.pattern()
                        + " (letters, digits, '.', '-' and '_')");
            }
            description = text(suiteNode, "description", "");
            String declaredName = text(suiteNode, "name", name);
            if (!declaredName.equals(name)) {
                problems.add(suiteFile + ": name '" + declaredName + "' differs from the folder name '" + name
                        + "'; rename one so they match");
            }
        }
        List<Path> taskFiles = taskFiles(folder.resolve("tasks"), problems);
        List<TaskDefinition> tasks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : taskFiles) {
            JsonNode node = read(file, problems);
            if (node == null) {
                continue;
            }
            TaskDefinition task = task(file, node, environment, problems);
            if (task != null && !ids.add(task.id())) {
                problems.add(file + ": id '" + task.id() + "' is used by another task of this suite");
            } else if (task != null) {
                tasks.add(task);
            }
        }
        if (taskFiles.isEmpty() && problems.isEmpty()) {
            problems.add(folder.resolve("tasks") + ": no task files (*.yaml) found");
        }
        if (!problems.isEmpty()) {
            throw new SuiteValidationException(name, problems);
        }
        return new Suite(name, version, description, List.copyOf(tasks), environment, judgeModel);
    }

    /** The optional {@code judge: {model: NAME}}; whether NAME is a fitting judge is checked when a run starts. */
    private static String judgeModel(Path file, JsonNode judge, List<String> problems) {
        if (judge == null || judge.isNull()) {
            return null;
        }
        JsonNode model = judge.get("model");
        if (!judge.isObject() || model == null || !model.isTextual() || model.asText().isBlank()) {
            problems.add(file + ": judge must be a mapping {model: <a model of the catalogue>}");
            return null;
        }
        judge.fieldNames().forEachRemaining(key -> {
            if (!key.equals("model")) {
                problems.add(file + ": judge." + key + " is unknown; the rubric comes with evalwatch, one per task"
                        + " kind (only judge.model is set here)");
            }
        });
        return model.asText().strip();
    }

    private TaskDefinition task(Path file, JsonNode node, EnvironmentSpec suiteEnvironment, List<String> problems) {
        int before = problems.size();
        String id = required(file, node, "id", problems);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(file + ": id '" + id + "' must match " + ID.pattern() + " (lower case, digits, - and _)");
        }
        String kindText = text(node, "kind", "generation").toUpperCase(Locale.ROOT);
        TaskKind kind = null;
        try {
            kind = TaskKind.valueOf(kindText);
            if (!SUPPORTED_KINDS.contains(kind)) {
                problems.add(file + ": kind '" + kindText.toLowerCase(Locale.ROOT) + "' is not supported yet;"
                        + " use generation or completion");
            }
        } catch (IllegalArgumentException e) {
            problems.add(file + ": kind '" + kindText.toLowerCase(Locale.ROOT) + "' is unknown; use one of generation,"
                    + " completion");
        }
        String language = text(node, "language", "python");
        if (!LANGUAGES.contains(language)) {
            problems.add(file + ": language '" + language + "' is not one of " + LANGUAGES);
        }
        String prompt = required(file, node, "prompt", problems);
        String entryPoint = required(file, node, "entry_point", problems);
        String reference = required(file, node, "reference", problems);
        double timeout = node.path("timeout_seconds").asDouble(10.0);
        if (timeout <= 0 || timeout > 600) {
            problems.add(file + ": timeout_seconds must be between 0 and 600, was " + timeout);
        }
        Integer memoryMb = null;
        JsonNode memoryNode = node.get("memory_mb");
        if (memoryNode != null && !memoryNode.isNull()) {
            if (!memoryNode.canConvertToInt() || memoryNode.asInt() < 16 || memoryNode.asInt() > 65536) {
                problems.add(file + ": memory_mb must be a whole number of megabytes between 16 and 65536, was "
                        + memoryNode.asText() + " (leave it out for the sandbox's default)");
            } else {
                memoryMb = memoryNode.asInt();
            }
        }
        List<TestCase> tests = new ArrayList<>();
        JsonNode testsNode = node.path("tests");
        if (!testsNode.isArray() || testsNode.isEmpty()) {
            problems.add(file + ": tests must be a non-empty list of {name, code, edge}");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < testsNode.size(); i++) {
                JsonNode t = testsNode.get(i);
                String testName = text(t, "name", "test-" + (i + 1));
                String code = text(t, "code", "");
                if (code.isBlank()) {
                    problems.add(file + ": tests[" + i + "] (" + testName + ") has no code");
                }
                if (!names.add(testName)) {
                    problems.add(file + ": test name '" + testName + "' appears twice");
                }
                tests.add(new TestCase(testName, code, t.path("edge").asBoolean(false)));
            }
        }
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(tag -> tags.add(tag.asText()));
        LocalDate reviewed = reviewed(file, node, problems);
        // a task's own environment replaces the suite's for that task; it is not merged with it
        EnvironmentSpec environment = node.has("environment")
                ? EnvironmentDeclaration.read(file, node.get("environment"), problems) : suiteEnvironment;
        if (problems.size() > before) {
            return null;
        }
        return new TaskDefinition(id, text(node, "category", "general"), kind, language, entryPoint, timeout, prompt,
                tests, reference, tags, reviewed, environment, memoryMb);
    }

    /** The optional review date: an ISO date (YYYY-MM-DD), not in the future. */
    private static LocalDate reviewed(Path file, JsonNode node, List<String> problems) {
        String text = text(node, "reviewed", null);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.trim());
            if (date.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
                problems.add(file + ": reviewed " + text + " is in the future");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problems.add(file + ": reviewed '" + text + "' must be a date YYYY-MM-DD");
            return null;
        }
    }

    private JsonNode read(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + ": missing");
            return null;
        }
        try {
            JsonNode node = yaml.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                problems.add(file + ": expected a YAML mapping at the top level");
                return null;
            }
            return node;
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    private static List<Path> taskFiles(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": missing; put one <task-id>.yaml per task there");
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            problems.add(dir + ": cannot be listed: " + e.getMessage());
            return List.of();
        }
    }

    private static String required(Path file, JsonNode node, String field, List<String> problems) {
        String value = text(node, field, null);
        if (value == null || value.isBlank()) {
            problems.add(file + ": field '" + field + "' is required");
            return null;
        }
        return value;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
