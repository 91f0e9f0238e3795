package io.evalwatch.task.suite;

import io.evalwatch.events.TaskSpec;
import io.evalwatch.suite.LoadedSuite;
import io.evalwatch.suite.LoadedTask;
import io.evalwatch.suite.Problem;
import io.evalwatch.suite.SuiteFolder;
import io.evalwatch.suite.SuiteFormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a suite folder through the suite format ({@link SuiteFolder}: suite.yaml and tasks/*.yaml bound and
 * checked, every problem with its file, line and column) and turns it into task-service's {@link Suite}.
 */
public final class SuiteLoader {

    /** A suite's or a task's name: it appears in URLs and file names. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    public Suite load(Path folder) {
        LoadedSuite loaded;
        try {
            loaded = SuiteFolder.load(folder);
        } catch (SuiteFormatException e) {
            throw new SuiteValidationException(folder.getFileName().toString(),
                    e.problems().stream().map(Problem::toString).toList());
        }
        List<TaskDefinition> tasks = loaded.tasks().stream().map(SuiteLoader::definition).toList();
        return new Suite(loaded.name(), loaded.version(), loaded.description(), tasks, loaded.environment(),
                loaded.judgeModel());
    }

    private static TaskDefinition definition(LoadedTask task) {
        TaskSpec s = task.spec();
        return new TaskDefinition(s.id(), s.category(), s.kind(), s.language(), s.entryPoint(), s.timeoutSeconds(),
                s.prompt(), s.tests(), s.reference(), s.tags(), task.reviewed(), task.environment(), s.memoryMb(),
                s.files(), s.hole(), s.findings(), s.gold(), s.complexity());
    }
}
