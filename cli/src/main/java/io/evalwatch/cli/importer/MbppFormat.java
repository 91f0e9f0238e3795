package io.evalwatch.cli.importer;

import io.evalwatch.events.TestCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MBPP, the original JSON Lines release (text, code, test_list, test_setup_code, challenge_test_list), or the
 * sanitized JSON array (prompt, code, test_imports, test_list). Each problem is a generation task: the prompt is
 * the problem text followed by its tests, as the MBPP paper prompts (the tests are how the model learns the
 * function's name and signature); each assert is one test with the setup code or imports before it; challenge
 * tests become edge tests; the reference is {@code code}. The entry point is the first function the tests call
 * that the reference defines.
 */
public final class MbppFormat implements BenchmarkFormat {

    private static final Pattern DEF = Pattern.compile("^\\s*def\\s+([A-Za-z_]\\w*)\\s*\\(", Pattern.MULTILINE);
    private static final Pattern CALL = Pattern.compile("([A-Za-z_]\\w*)\\s*\\(");

    @Override
    public String kind() {
        return "mbpp";
    }

    @Override
    public double defaultTimeoutSeconds() {
        return 10;
    }

    @Override
    public List<ImportedTask> read(Path source, int limit) throws ImportException {
        Path file = DatasetRecords.locate(source, List.of("mbpp.jsonl.gz", "mbpp.jsonl", "sanitized-mbpp.json.gz",
                "sanitized-mbpp.json"));
        List<ImportedTask> tasks = new ArrayList<>();
        for (DatasetRecords.Entry problem : DatasetRecords.read(file, limit)) {
            tasks.add(task(problem));
        }
        return tasks;
    }

    private ImportedTask task(DatasetRecords.Entry problem) throws ImportException {
        boolean sanitized = problem.node().has("prompt") && !problem.node().has("text");
        String taskId = problem.text("task_id");
        String text = problem.text(sanitized ? "prompt" : "text").strip();
        String reference = lines(problem.text("code"));
        List<String> asserts = problem.strings("test_list");
        if (asserts.isEmpty()) {
            throw problem.problem("test_list", "is empty: a task needs at least one test");
        }
        String setup = sanitized ? String.join("\n", problem.strings("test_imports"))
                : lines(problem.optionalText("test_setup_code"));
        List<String> challenges = sanitized || !problem.node().has("challenge_test_list") ? List.of()
                : problem.strings("challenge_test_list");
        String entryPoint = entryPoint(problem, reference, asserts);

        List<TestCase> tests = new ArrayList<>();
        for (int i = 0; i < asserts.size(); i++) {
            tests.add(new TestCase("test-" + (i + 1), withSetup(setup, asserts.get(i)), false));
        }
        for (int i = 0; i < challenges.size(); i++) {
            tests.add(new TestCase("challenge-" + (i + 1), withSetup(setup, challenges.get(i)), true));
        }
        String prompt = text + "\nYour code should pass these tests:\n\n"
                + String.join("\n", asserts.stream().map(MbppFormat::lines).toList()) + "\n";
        String datasetId = "mbpp/" + taskId;
        return new ImportedTask("mbpp-" + TaskIds.of(taskId), datasetId, "mbpp", "generation", entryPoint, prompt,
                reference, tests, List.of(sanitized ? "mbpp-sanitized" : "mbpp", datasetId), defaultTimeoutSeconds());
    }

    static String entryPoint(DatasetRecords.Entry problem, String reference, List<String> asserts)
            throws ImportException {
        Set<String> defined = new LinkedHashSet<>();
        Matcher def = DEF.matcher(reference);
        while (def.find()) {
            defined.add(def.group(1));
        }
        for (String test : asserts) {
            Matcher call = CALL.matcher(test);
            while (call.find()) {
                if (defined.contains(call.group(1))) {
                    return call.group(1);
                }
            }
        }
        throw problem.problem("test_list", "calls none of the functions the reference defines " + defined
                + ", so the entry point cannot be told; fix the record or leave it out");
    }

    private static String withSetup(String setup, String test) {
        return setup.isBlank() ? lines(test) + "\n" : setup.strip() + "\n" + lines(test) + "\n";
    }

    /** Unix line ends (the original release has CRLF). */
    static String lines(String code) {
        return code.replace("\r\n", "\n").replace('\r', '\n');
    }
}
