package io.evalwatch.cli.importer;

import io.evalwatch.events.TestCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HumanEval JSON Lines (task_id, prompt, canonical_solution, test, entry_point). Each problem is a completion
 * task whose one test runs the dataset's {@code check(candidate)} against the entry point; the reference is the
 * prompt followed by the canonical body.
 */
public final class HumanEvalFormat implements BenchmarkFormat {

    @Override
    public String kind() {
        return "humaneval";
    }

    @Override
    public double defaultTimeoutSeconds() {
        return 10;
    }

    @Override
    public List<ImportedTask> read(Path source, int limit) throws ImportException {
        Path file = DatasetRecords.locate(source, List.of("HumanEval.jsonl.gz", "HumanEval.jsonl"));
        List<ImportedTask> tasks = new ArrayList<>();
        for (DatasetRecords.Entry problem : DatasetRecords.read(file, limit)) {
            String taskId = problem.text("task_id");
            String prompt = problem.text("prompt");
            String entryPoint = problem.text("entry_point");
            String check = problem.text("test") + "\n\ncheck(" + entryPoint + ")\n";
            tasks.add(new ImportedTask(TaskIds.of(taskId), taskId, "humaneval", "completion", entryPoint, prompt,
                    prompt + problem.text("canonical_solution"), List.of(new TestCase("check", check, false)),
                    List.of("humaneval", taskId), defaultTimeoutSeconds()));
        }
        return tasks;
    }
}
