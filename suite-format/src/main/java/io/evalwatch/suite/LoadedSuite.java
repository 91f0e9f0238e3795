package io.evalwatch.suite;

import io.evalwatch.events.EnvironmentSpec;
import java.util.List;

/**
 * A valid suite folder: what suite.yaml declares and every task, in file-name order. {@code judgeModel} is the
 * catalogue name under {@code judge: {model: ...}} (null: no judge); {@code environment} the suite's declared
 * environment (null: the plain sandbox).
 */
public record LoadedSuite(String name, String version, String description, String judgeModel,
        EnvironmentSpec environment, List<LoadedTask> tasks) {

    public LoadedSuite {
        tasks = List.copyOf(tasks);
    }
}
