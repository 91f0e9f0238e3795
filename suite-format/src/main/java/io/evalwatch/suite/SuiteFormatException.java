package io.evalwatch.suite;

import java.util.List;

/** A suite folder that cannot be used, with every problem found in it (not only the first). */
public class SuiteFormatException extends RuntimeException {

    private final String suite;
    private final List<Problem> problems;

    public SuiteFormatException(String suite, List<Problem> problems) {
        super("suite '" + suite + "' is invalid:\n  - "
                + String.join("\n  - ", problems.stream().map(Problem::toString).toList()));
        this.suite = suite;
        this.problems = List.copyOf(problems);
    }

    public String suite() {
        return suite;
    }

    public List<Problem> problems() {
        return problems;
    }
}
