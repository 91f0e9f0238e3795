package io.evalwatch.generator.config;

import java.util.List;

/** The model catalogue cannot be used; the message lists every problem found, one a line. */
public class InvalidModelCatalogException extends RuntimeException {

    private final List<String> problems;

    public InvalidModelCatalogException(String source, List<String> problems) {
        super("invalid model catalogue " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
