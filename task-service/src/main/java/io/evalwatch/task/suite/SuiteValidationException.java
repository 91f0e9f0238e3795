package io.evalwatch.task.suite;

import java.util.List;

/** A suite folder that cannot be used, with every problem found (file, field, what to do). */
public class SuiteValidationException extends RuntimeException {

    private final List<String> problems;

    public SuiteValidationException(String suite, List<String> problems) {
        super("suite '" + suite + "' is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
