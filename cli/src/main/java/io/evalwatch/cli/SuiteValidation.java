package io.evalwatch.cli;

import io.evalwatch.cli.importer.ImportException;
import io.evalwatch.cli.importer.ReferenceRunner;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.suite.LoadedTask;
import io.evalwatch.suite.Problem;
import io.evalwatch.suite.SuiteFolder;
import io.evalwatch.suite.SuiteReading;
import io.evalwatch.suite.twin.Twin;
import io.evalwatch.suite.twin.Twins;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code suites validate}: binds and checks every suite under a path and prints every problem as
 * {@code file:line:col: message}; with a sandbox, it also runs each executable task's reference against the task's
 * own tests (a completion's reference as the completed file it fills), and for each that passes, its contamination
 * twin's reference against the twin's renamed tests.
 */
final class SuiteValidation {

    /** Runs one task's reference; the sandbox in use, a stand-in in tests. */
    @FunctionalInterface
    interface References {
        ReferenceRunner.Outcome run(TaskSpec spec, EnvironmentSpec environment) throws ImportException;
    }

    /**
     * What a validation found. twinsChecked and twinsFailed count the contamination twins run beside the references
     * (a twin is run only for a reference that passes: a failing twin then points at the twin, not the task).
     */
    record Summary(int tasks, int problems, int checked, int failed, int twinsChecked, int twinsFailed) {
        boolean clean() {
            return problems == 0 && failed == 0 && twinsFailed == 0;
        }
    }

    private static final int PROGRESS_EVERY = 10;

    private final PrintStream out;
    private final Path relativeTo;

    SuiteValidation(PrintStream out) {
        this.out = out;
        this.relativeTo = Path.of("").toAbsolutePath();
    }

    /** The suite folders at path: the path itself when it is a suite, else the suites directly under it. */
    static List<Path> suites(Path path) {
        if (SuiteFolder.isSuite(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.filter(Files::isDirectory).filter(SuiteFolder::isSuite).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Validates every suite at path; references are run when references is not null. */
    Summary run(Path path, References references) {
        List<Path> folders = suites(path);
        if (folders.isEmpty()) {
            out.println(path + ": no suite here (a suite folder has suite.yaml and tasks/, or pass a folder of"
                    + " suites)");
            return new Summary(0, 1, 0, 0, 0, 0);
        }
        int tasks = 0;
        int problems = 0;
        List<LoadedTask> executable = new ArrayList<>();
        for (Path folder : folders) {
            SuiteReading reading = SuiteFolder.read(folder);
            tasks += reading.taskFiles();
            for (Problem problem : reading.problems()) {
                out.println(shown(problem));
            }
            problems += reading.problems().size();
            out.printf("%s: %d task files, %d valid, %d problems%n", reading.name(), reading.taskFiles(),
                    reading.tasks().size(), reading.problems().size());
            reading.tasks().stream().filter(t -> t.spec().executable()).forEach(executable::add);
        }
        int checked = 0;
        int failed = 0;
        int twinsChecked = 0;
        int twinsFailed = 0;
        if (references != null && !executable.isEmpty()) {
            out.printf("running %d references against their own tests in the sandbox%n", executable.size());
            for (LoadedTask task : executable) {
                TaskSpec spec = task.spec();
                ReferenceRunner.Outcome outcome;
                try {
                    outcome = references.run(spec, task.environment());
                } catch (ImportException e) {
                    out.println("stopped running references: " + e.getMessage());
                    failed++;
                    break;
                }
                checked++;
                if (!outcome.passed()) {
                    failed++;
                    out.printf("%s: the reference fails its own tests: %s%n", shown(task.file()), outcome.failure());
                } else {
                    Optional<Twin> twin = Twins.of(spec);
                    if (twin.isPresent()) {
                        ReferenceRunner.Outcome twinOutcome;
                        try {
                            twinOutcome = references.run(twin.get().spec(), task.environment());
                        } catch (ImportException e) {
                            out.println("stopped running references: " + e.getMessage());
                            twinsFailed++;
                            break;
                        }
                        twinsChecked++;
                        if (!twinOutcome.passed()) {
                            twinsFailed++;
                            out.printf("%s: the contamination twin %s (renamed %s) fails its tests: %s%n",
                                    shown(task.file()), twin.get().spec().id(), twin.get().renames(),
                                    twinOutcome.failure());
                        }
                    }
                }
                if (checked % PROGRESS_EVERY == 0 && checked < executable.size()) {
                    out.printf("  %d/%d references checked, %d failed%n", checked, executable.size(), failed);
                }
            }
        }
        if (references != null) {
            out.printf("%d contamination twins checked, %d failed%n", twinsChecked, twinsFailed);
        }
        out.printf("%d tasks, %d references checked, %d failed%s; %d problems%n", tasks, checked, failed,
                references == null ? " (offline: references not run)" : "", problems);
        return new Summary(tasks, problems, checked, failed, twinsChecked, twinsFailed);
    }

    private String shown(Problem problem) {
        return new Problem(shown(problem.file()), problem.line(), problem.column(), problem.message()).toString();
    }

    /** Paths under the working directory are shown relative to it, as editors link them. */
    private Path shown(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(relativeTo) ? relativeTo.relativize(absolute) : file;
    }
}
