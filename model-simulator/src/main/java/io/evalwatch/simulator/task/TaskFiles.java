package io.evalwatch.simulator.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.simulator.truth.AnswerKind;
import io.evalwatch.suite.Problem;
import io.evalwatch.suite.SuiteFolder;
import io.evalwatch.suite.TaskFile;
import io.evalwatch.suite.TaskReading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads tasks from suite folders (suites/&lt;suite&gt;/tasks/*.yaml) through the suite format, tolerantly: a file is
 * bound as suites bind it, and the simulator takes the fields it needs even where the format finds problems (an
 * unknown field, a missing test); only a file without the simulator's own fields is refused. A file without problems
 * also yields the task as events carry it ({@link SimTask#spec()}). Usable without Quarkus.
 */
public final class TaskFiles {

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
        TaskReading reading = SuiteFolder.readTask(file);
        TaskFile bound = reading.source();
        if (bound == null) {
            throw new TaskFileException(reading.problems().stream().map(Problem::toString)
                    .collect(Collectors.joining("; ")));
        }
        String id = required(bound.id(), "id", file.toString());
        String where = file + " (task '" + id + "')";
        String prompt = required(bound.prompt(), "prompt", where);
        TaskSpec spec = reading.task() == null ? null : reading.task().spec();
        // a review or search task is answered from its spec (findings, gold): it has no entry point or reference
        boolean answeredFromSpec = spec != null && !spec.executable();
        String entryPoint = answeredFromSpec ? "" : required(bound.entryPoint(), "entry_point", where);
        String reference = answeredFromSpec ? "" : required(bound.reference(), "reference", where);
        Map<AnswerKind, String> simulation = new EnumMap<>(AnswerKind.class);
        if (bound.simulation() != null) {
            bound.simulation().byLabel().forEach((label, code) -> put(simulation, label, code));
        }
        List<SimTask.TaskTest> tests = new ArrayList<>();
        for (TaskFile.Test test : bound.tests() == null ? List.<TaskFile.Test>of() : bound.tests()) {
            if (test != null && test.code() != null && !test.code().isBlank()) {
                tests.add(new SimTask.TaskTest(test.name() == null ? "test-" + (tests.size() + 1) : test.name(),
                        test.code()));
            }
        }
        // suites/<suite>/tasks/<file>: the suite's folder name
        Path suiteDir = file.toAbsolutePath().getParent() == null ? null : file.toAbsolutePath().getParent().getParent();
        String suite = suiteDir == null || suiteDir.getFileName() == null ? null : suiteDir.getFileName().toString();
        return new SimTask(id, prompt, entryPoint, bound.language(), reference, simulation, tests, suite, spec);
    }

    /** A wrong answer of the simulation block under its label; labels that name no answer kind are left out. */
    private static void put(Map<AnswerKind, String> simulation, String label, String code) {
        AnswerKind kind = AnswerKind.fromLabel(label);
        if (kind != null && kind != AnswerKind.REFERENCE && code != null && !code.isBlank()) {
            simulation.put(kind, code);
        }
    }

    private static String required(String value, String field, String where) {
        if (value == null || value.isBlank()) {
            throw new TaskFileException(where + ": field '" + field + "' is required");
        }
        return value;
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
        node.path("simulation").fields().forEachRemaining(e -> put(simulation, e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asText() : null));
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
        return required(text(node, field, null), field, where);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? fallback : value.asText();
    }
}
