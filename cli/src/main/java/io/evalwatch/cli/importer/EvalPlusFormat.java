package io.evalwatch.cli.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.events.TestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * EvalPlus (HumanEval+ and MBPP+): the release file ({@code HumanEvalPlus.jsonl}, {@code MbppPlus.jsonl}: prompt,
 * entry_point, canonical_solution, base_input, plus_input, atol, contract) joined by task id with its "OriginFmt"
 * file, whose {@code test} is the dense check: every base and plus input with the canonical solution's output
 * already computed, compared with {@code atol} where the task has one. The dense check is the task's one test, so
 * a candidate is judged on exactly the inputs and expected outputs EvalPlus judges it on. The release file alone
 * has inputs but no expected outputs (EvalPlus computes them by running the canonical solution), so both files
 * are needed. Contracts are not part of a task: EvalPlus uses them to keep generated inputs valid, every plus input
 * already satisfies them, and a candidate is never judged against them. The dense checks import numpy, which the
 * suite's environment provides.
 */
public final class EvalPlusFormat implements BenchmarkFormat {

    private static final String ORIGIN = "OriginFmt";

    @Override
    public String kind() {
        return "evalplus";
    }

    /** EvalPlus's own cap on one task's time (EVALPLUS_TIMEOUT_PER_TASK, 60 s). */
    @Override
    public double defaultTimeoutSeconds() {
        return 60;
    }

    @Override
    public void describeSuite(ObjectNode suite) {
        ObjectNode python = suite.putObject("environment").putObject("python");
        python.put("source", "debian");
        python.putArray("packages").add("numpy");
        python.putArray("preload").add("numpy");
    }

    @Override
    public List<ImportedTask> read(Path source, int limit) throws ImportException {
        Path[] files = files(source);
        Path release = files[0];
        Path origin = files[1];
        Map<String, DatasetRecords.Entry> checks = new HashMap<>();
        for (DatasetRecords.Entry entry : DatasetRecords.read(origin, 0)) {
            checks.put(shortId(entry.text("task_id")), entry);
        }
        String family = family(release.getFileName().toString()).toLowerCase(Locale.ROOT);
        List<ImportedTask> tasks = new ArrayList<>();
        for (DatasetRecords.Entry problem : DatasetRecords.read(release, limit)) {
            String taskId = problem.text("task_id");
            DatasetRecords.Entry check = checks.get(shortId(taskId));
            if (check == null) {
                throw new ImportException(problem.where() + ": task " + taskId + " has no dense check in " + origin
                        + "; the two files must be of the same EvalPlus release");
            }
            tasks.add(task(family, problem, check));
        }
        return tasks;
    }

    private ImportedTask task(String family, DatasetRecords.Entry problem, DatasetRecords.Entry check)
            throws ImportException {
        String taskId = problem.text("task_id");
        String prompt = problem.text("prompt");
        String entryPoint = problem.text("entry_point");
        String canonical = problem.text("canonical_solution");
        String dense = check.text("test");
        if (!dense.contains(entryPoint)) {
            throw check.problem("test", "never calls the entry point '" + entryPoint + "' of " + problem.where());
        }
        StringBuilder test = new StringBuilder();
        if (check.node().has("test_imports")) {
            check.strings("test_imports").forEach(line -> test.append(line).append('\n'));
        }
        test.append(dense.strip()).append('\n');
        if (dense.contains("def check(")) {
            // the HumanEval+ form defines check(candidate) as HumanEval does
            test.append("\ncheck(").append(entryPoint).append(")\n");
        }
        boolean completion = prompt.contains("def " + entryPoint + "(");
        List<String> tags = new ArrayList<>(List.of(family, taskId,
                "base-inputs=" + count(problem, "base_input"), "plus-inputs=" + count(problem, "plus_input")));
        JsonNode atol = problem.node().get("atol");
        if (atol != null && atol.isNumber() && atol.asDouble() != 0) {
            tags.add("atol=" + atol.decimalValue().stripTrailingZeros().toPlainString());
        }
        return new ImportedTask(TaskIds.of(taskId), taskId, family, completion ? "completion" : "generation",
                entryPoint, prompt, completion ? prompt + canonical : canonical.strip() + "\n",
                List.of(new TestCase("plus", test.toString(), false)), tags, defaultTimeoutSeconds());
    }

    private static int count(DatasetRecords.Entry problem, String field) throws ImportException {
        JsonNode inputs = problem.node().get(field);
        if (inputs != null && inputs.isObject() && inputs.isEmpty()) {
            return 0; // Mbpp/793 of v0.2.0 has no plus inputs, written as {}
        }
        if (inputs == null || !inputs.isArray()) {
            throw problem.problem(field, "is missing or not a list of inputs; is this an EvalPlus release file?");
        }
        return inputs.size();
    }

    /** The release file and its OriginFmt companion, from either of them or the folder holding both. */
    static Path[] files(Path source) throws ImportException {
        Path folder = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
        if (!Files.exists(source)) {
            throw new ImportException(source + " does not exist; give an EvalPlus file or the folder holding it");
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(folder)) {
            candidates = files.filter(p -> p.getFileName().toString().matches(".*Plus.*\\.jsonl(\\.gz)?"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ImportException(folder + " cannot be listed: " + e.getMessage(), e);
        }
        String family = Files.isDirectory(source)
                ? candidates.stream().map(p -> family(p.getFileName().toString())).findFirst().orElse("")
                : family(source.getFileName().toString());
        Path release = null;
        Path origin = null;
        for (Path p : candidates) {
            String name = p.getFileName().toString();
            if (!family(name).equals(family)) {
                continue;
            }
            if (name.contains(ORIGIN)) {
                origin = origin == null ? p : origin;
            } else {
                release = release == null ? p : release;
            }
        }
        if (release == null || origin == null) {
            throw new ImportException(folder + " must hold an EvalPlus release file and its " + ORIGIN + " file (for"
                    + " MBPP+: MbppPlus.jsonl.gz and MbppPlus-OriginFmt.jsonl.gz); found " + (release == null
                            ? "no release file" : "no " + ORIGIN + " file") + " for '" + family + "'");
        }
        return new Path[] {release, origin};
    }

    /** "MbppPlus-OriginFmt.jsonl.gz" and "MbppPlus.jsonl.gz" are both of the family "MbppPlus". */
    private static String family(String fileName) {
        return fileName.replaceAll("([-_.].*)$", "");
    }

    /** "Mbpp/2" and "2" name the same task in the two files. */
    private static String shortId(String taskId) {
        return taskId.substring(taskId.lastIndexOf('/') + 1);
    }
}
