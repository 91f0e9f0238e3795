package io.evalwatch.cli.importer;

import io.evalwatch.events.TestCase;
import java.util.List;

/**
 * One benchmark problem as a suite task, before it is written. {@code datasetId} is the problem's id in its
 * dataset ("Mbpp/2"); {@code timeoutSeconds} is the format's default until the reference's runtime has been
 * measured (see {@link TimeLimit}).
 */
public record ImportedTask(
        String id,
        String datasetId,
        String category,
        String kind,
        String entryPoint,
        String prompt,
        String reference,
        List<TestCase> tests,
        List<String> tags,
        double timeoutSeconds) {

    public ImportedTask {
        tests = List.copyOf(tests);
        tags = List.copyOf(tags);
    }

    public ImportedTask withTimeout(double seconds) {
        return new ImportedTask(id, datasetId, category, kind, entryPoint, prompt, reference, tests, tags, seconds);
    }
}
