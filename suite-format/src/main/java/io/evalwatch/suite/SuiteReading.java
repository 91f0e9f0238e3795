package io.evalwatch.suite;

import io.evalwatch.events.EnvironmentSpec;
import java.util.List;

/**
 * What reading a suite folder found, problems included: the declaration (fields null where suite.yaml is wrong),
 * the tasks that are valid, every problem, and how many task files there were. {@link SuiteFolder#load} is this
 * with no problems; tools that report (suites validate) or tolerate (the simulator) read it whole.
 */
public record SuiteReading(String name, String version, String description, String judgeModel,
        EnvironmentSpec environment, List<LoadedTask> tasks, List<Problem> problems, int taskFiles) {

    public SuiteReading {
        tasks = List.copyOf(tasks);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The suite, when there is no problem. */
    public LoadedSuite suite() {
        if (!valid()) {
            throw new SuiteFormatException(name, problems);
        }
        return new LoadedSuite(name, version, description, judgeModel, environment, tasks);
    }
}
