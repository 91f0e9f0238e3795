package io.evalwatch.cli.overlap;

import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The texts of a suite task that training data could have copied: its prompt, reference, tests, and all three. */
public final class TaskTexts {

    private TaskTexts() {
    }

    public static List<Document> of(TaskSpec spec) {
        List<Document> raw = new ArrayList<>();
        raw.add(new Document("prompt", spec.prompt()));
        if (spec.reference() != null) {
            raw.add(new Document("reference", spec.reference()));
        }
        if (!spec.tests().isEmpty()) {
            raw.add(new Document("tests", spec.tests().stream().map(TestCase::code)
                    .collect(Collectors.joining("\n"))));
        }
        return Document.of(raw, "whole task");
    }
}
