package io.evalwatch.simulator.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.simulator.truth.AnswerKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads tasks from suite folders (suites/&lt;suite&gt;/tasks/*.yaml), tolerantly: only the fields the simulator needs,
 * unknown fields ignored. Usable without Quarkus.
 */
public final class TaskFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TaskFiles() {
    }

    /** Every task of every suite under suitesDir, by suite then file name; nothing when the folder is absent. */
    public static List<SimTask> loadSuites(Path suitesDir) {
        return loadSuites(suitesDir, bad -> {
            throw bad;
        });
    }

    /** As {@link #loadSuites(Path)}, handing each unreadable task file to onBadFile instead of stopping. */
    public static List<SimTask> loadSuites(Path suitesDir, Consumer<TaskFileException> onBadFile) {
        List<SimTask> tasks = new ArrayList<>();
        for (Path file : taskFiles(suitesDir)) {
            try {
                tasks.add(load(file));
            } catch (TaskFileException bad) {
                onBadFile.accept(bad);
            }
        }
        return tasks;
    }

    /** The task files (suites/&lt;suite&gt;/tasks/*.yaml|yml) by suite then file name; none when the folder is absent. */
    public static List<Path> taskFiles(Path suitesDir) {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(suitesDir)) {
            return files;
        }
        try (Stream<Path> suites = Files.list(suitesDir)) {
            for (Path suite : suites.filter(Files::isDirectory).sorted().toList()) {
                Path taskDir = suite.resolve("tasks");
                if (Files.isDirectory(taskDir)) {
                    try (Stream<Path> tasks = Files.list(taskDir)) {
                        tasks.filter(TaskFiles::isTaskFile).sorted().forEach(files::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new TaskFileException("cannot list suites under " + suitesDir.toAbsolutePath() + ": " + e, e);
        }
        return files;
    }

    /** Whether a file in a suite's tasks folder is a task file (.yaml or .yml). */
    public static boolean isTaskFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    public static SimTask load(Path file) {
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new TaskFileException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        SimTask task = fromNode(node, file.toString());
        // suites/<suite>/tasks/<file>: the suite's folder name
        Path suiteDir = file.toAbsolutePath().getParent() == null ? null : file.toAbsolutePath().getParent().getParent();
        String suite = suiteDir == null || suiteDir.getFileName() == null ? null : suiteDir.getFileName().toString();
        return new SimTask(task.id(), task.prompt(), task.entryPoint(), task.language(), task.reference(),
                task.simulation(), task.tests(), suite);
    }

    /** A task from its YAML/JSON tree (the task file format, or the admin API's {id, prompt, entry_point, ...}). */
    public static SimTask fromNode(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw new TaskFileException(source + ": a task must be a map of fields");
        }
        String id = required(node, "id", source);
        String where = source + " (task '" + id + "')";
        String prompt = required(node, "prompt", where);
        String entryPoint = text(node, "entry_point", text(node, "entryPoint", null));
        if (entryPoint == null || entryPoint.isBlank()) {
            throw new TaskFileException(where + ": field 'entry_point' is required");
        }
        String reference = required(node, "reference", where);
        Map<AnswerKind, String> simulation = new EnumMap<>(AnswerKind.class);
        JsonNode block = node.path("simulation");
        for (AnswerKind kind : List.of(AnswerKind.OFF_BY_ONE, AnswerKind.MISSING_EDGE_CASE)) {
            String code = text(block, kind.label(), null);
            if (code != null && !code.isBlank()) {
                simulation.put(kind, code);
            }
        }
        List<SimTask.TaskTest> tests = new ArrayList<>();
        for (JsonNode test : node.path("tests")) {
            String code = text(test, "code", null);
            if (code != null && !code.isBlank()) {
                tests.add(new SimTask.TaskTest(text(test, "name", "test-" + (tests.size() + 1)), code));
            }
        }
        return new SimTask(id, prompt, entryPoint, text(node, "language", "python"), reference, simulation, tests);
    }

    private static String required(JsonNode node, String field, String where) {
        String value = text(node, field, null);
        if (value == null || value.isBlank()) {
            throw new TaskFileException(where + ": field '" + field + "' is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? fallback : value.asText();
    }
}
