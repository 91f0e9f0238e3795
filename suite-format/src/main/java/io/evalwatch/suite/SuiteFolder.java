package io.evalwatch.suite;

import io.evalwatch.events.EnvironmentSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a suite folder: {@code suite.yaml}, {@code tasks/<id>.yaml}, and what tasks refer to ({@code codebase/} for
 * completion context files, {@code corpus/<name>/} for search). Every file is bound to its record
 * ({@link SuiteFile}, {@link TaskFile}) and checked; every problem of the folder is collected, each with its file,
 * line and column. Usable without any framework.
 */
public final class SuiteFolder {

    private SuiteFolder() {
    }

    /** The valid suite, or a {@link SuiteFormatException} listing every problem. */
    public static LoadedSuite load(Path folder) {
        return read(folder).suite();
    }

    /** Everything the folder holds, valid tasks and problems side by side. */
    public static SuiteReading read(Path folder) {
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        List<Problem> problems = new ArrayList<>();
        Path suiteFile = folder.resolve("suite.yaml");
        String version = null;
        String description = "";
        String judgeModel = null;
        EnvironmentSpec environment = null;
        if (!Files.isRegularFile(suiteFile)) {
            problems.add(new Problem(suiteFile, 1, 1, "missing; write name, version (for example 1.0.0) and"
                    + " description"));
        } else {
            FileProblems fileProblems = new FileProblems(suiteFile, null);
            SuiteFile declared = bindSuiteFile(suiteFile, fileProblems);
            if (declared != null) {
                if (declared.name() != null && !declared.name().equals(name)) {
                    fileProblems.add("/name", "name '" + declared.name() + "' differs from the folder name '" + name
                            + "'; rename one so they match");
                }
                version = declared.version();
                description = declared.description() == null ? "" : declared.description();
                judgeModel = declared.judge() == null || declared.judge().model() == null ? null
                        : declared.judge().model().strip();
                environment = EnvironmentDeclaration.read("/environment", declared.environment(), fileProblems);
            }
            problems.addAll(fileProblems.list());
        }
        Path tasksDir = folder.resolve("tasks");
        List<Path> taskFiles = taskFiles(tasksDir, problems);
        if (Files.isDirectory(tasksDir) && taskFiles.isEmpty()) {
            problems.add(new Problem(tasksDir, 1, 1, "no task files (*.yaml) found; put one <task-id>.yaml per task"
                    + " there"));
        }
        TaskRules.Context context = new TaskRules.Context(folder, environment);
        List<LoadedTask> tasks = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        Map<String, Path> prompts = new HashMap<>();
        for (Path file : taskFiles) {
            TaskReading reading = readTask(file, context);
            problems.addAll(reading.problems());
            LoadedTask task = reading.task();
            if (task == null) {
                continue;
            }
            Path sameId = ids.putIfAbsent(task.spec().id(), file);
            Path samePrompt = prompts.putIfAbsent(task.spec().prompt().strip(), file);
            if (sameId != null) {
                problems.add(new Problem(file, 1, 1, "id '" + task.spec().id() + "' is used by " + sameId
                        + " too; ids are unique within a suite"));
            } else if (samePrompt != null) {
                problems.add(new Problem(file, 1, 1, "the prompt is the same as " + samePrompt + "'s; every task"
                        + " asks something of its own"));
            } else {
                tasks.add(task);
            }
        }
        return new SuiteReading(name, version, description, judgeModel, environment, tasks, problems,
                taskFiles.size());
    }

    /**
     * One task file, checked against its suite folder (the folder above {@code tasks/}) without the suite's
     * declaration: the task's environment is its own declaration only.
     */
    public static TaskReading readTask(Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent().getParent();
        return readTask(file, new TaskRules.Context(folder, null));
    }

    private static TaskReading readTask(Path file, TaskRules.Context context) {
        FileProblems problems = new FileProblems(file, null);
        List<Binding.UnknownField> unknown = new ArrayList<>();
        TaskFile bound = bind(file, TaskFile.class, problems, unknown);
        LoadedTask task = bound == null ? null : TaskRules.check(file, bound, unknown, problems, context);
        return new TaskReading(bound, problems.isEmpty() ? task : null, problems.list());
    }

    /** suite.yaml: its unknown fields are reported here (a task's by {@link TaskRules}, which knows its kind). */
    private static SuiteFile bindSuiteFile(Path file, FileProblems problems) {
        List<Binding.UnknownField> unknown = new ArrayList<>();
        SuiteFile bound = bind(file, SuiteFile.class, problems, unknown);
        for (Binding.UnknownField field : unknown) {
            boolean top = field.type() == SuiteFile.class;
            List<String> candidates = Fields.of(field.type());
            String of = top ? "suite.yaml" : Binding.fieldPath(field.parentPointer());
            problems.add(field.parentPointer() + "/" + field.name(), "unknown field '" + field.name() + "'"
                    + (top ? "" : " in " + of)
                    + Fields.nearest(field.name(), candidates).map(n -> "; did you mean '" + n + "'?").orElse("")
                    + " (fields of " + of + ": " + String.join(", ", candidates) + ")");
        }
        return bound;
    }

    private static <T> T bind(Path file, Class<T> type, FileProblems problems, List<Binding.UnknownField> unknown) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            problems.addAt(1, 1, "cannot be read: " + e.getMessage());
            return null;
        }
        YamlScan scan = YamlScan.of(text);
        problems.scan(scan);
        if (scan.syntaxError() != null) {
            problems.addAt(scan.syntaxErrorAt().line(), scan.syntaxErrorAt().column(), scan.syntaxError());
            return null;
        }
        return Binding.bind(text, type, problems, unknown);
    }

    /** The task files of a tasks folder (*.yaml, *.yml), by name. */
    public static List<Path> taskFiles(Path tasksDir, List<Problem> problems) {
        if (!Files.isDirectory(tasksDir)) {
            problems.add(new Problem(tasksDir, 1, 1, "missing; put one <task-id>.yaml per task there"));
            return List.of();
        }
        try (Stream<Path> files = Files.list(tasksDir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(tasksDir, 1, 1, "cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }

    /** Whether a folder is a suite (it has a suite.yaml or a tasks/ folder). */
    public static boolean isSuite(Path folder) {
        return Files.isRegularFile(folder.resolve("suite.yaml")) || Files.isDirectory(folder.resolve("tasks"));
    }
}
