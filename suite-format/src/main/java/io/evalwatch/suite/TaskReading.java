package io.evalwatch.suite;

import java.util.List;

/**
 * One task file read: as bound ({@code source}, null when it is not a YAML mapping), resolved ({@code task}, null
 * when there is any problem), and its problems.
 */
public record TaskReading(TaskFile source, LoadedTask task, List<Problem> problems) {

    public TaskReading {
        problems = List.copyOf(problems);
    }
}
