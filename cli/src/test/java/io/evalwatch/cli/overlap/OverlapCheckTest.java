package io.evalwatch.cli.overlap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.suite.LoadedTask;
import io.evalwatch.suite.SuiteFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlapCheckTest {

    private static final Path ROOT = Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The starter suite against copies of its tasks among unrelated lines: what it flags is what brute force does. */
    @Test
    void flagsWhatBruteForceFlagsAndSkipsBadLines() throws Exception {
        List<OverlapCheck.Task> tasks = new ArrayList<>();
        for (LoadedTask task : SuiteFolder.read(ROOT.resolve("suites/starter")).tasks()) {
            tasks.add(new OverlapCheck.Task("starter", task.spec().id(), task.file(), TaskTexts.of(task.spec())));
        }
        SplittableRandom random = new SplittableRandom(3);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add(JSON.writeValueAsString(Map.of("text", "Unrelated sample " + i + " about "
                    + "gardening and weather, nothing like a task at all; number " + random.nextInt())));
        }
        List<LoadedTask> loaded = SuiteFolder.read(ROOT.resolve("suites/starter")).tasks();
        for (int t = 0; t < loaded.size(); t++) {
            var spec = loaded.get(t).spec();
            String reference = MinHashTest.renamed(spec.reference(), 0.1 * (t % 4), random);
            lines.set(10 + 25 * t, JSON.writeValueAsString(Map.of("prompt", spec.prompt(), "completion",
                    reference)));
            lines.set(20 + 25 * t, JSON.writeValueAsString(Map.of("messages", List.of(Map.of("role", "assistant",
                    "content", "# copied\n" + reference)))));
        }
        lines.set(2, "{\"text\": \"cut short");
        lines.set(3, "\"a string\"");
        lines.add(5, "");
        Path train = dir.resolve("train.jsonl");
        Files.write(train, lines);

        OverlapCheck check = new OverlapCheck(tasks, 0.8, new MinHash(), line -> { });
        OverlapCheck.Result result = check.run(train, null);

        assertEquals(2, result.badLines());
        assertEquals(3, result.firstBadLines().get(0).line());
        assertTrue(result.firstBadLines().get(0).message().startsWith("not JSON: "));
        assertEquals(new OverlapCheck.BadLine(4, "expected a JSON object, got a string"),
                result.firstBadLines().get(1));
        assertEquals(lines.size() - 3, result.samples());
        Set<String> flagged = new HashSet<>();
        result.matches().forEach(m -> flagged.add(tasks.get(m.task()).id() + "@" + m.line()));
        assertEquals(bruteForce(tasks, train, 0.8), flagged);
        assertTrue(flagged.size() >= loaded.size(), flagged.toString());
        assertTrue(result.verified() < result.samples() * tasks.size() / 10,
                "verified " + result.verified() + " of " + result.samples() * tasks.size());
    }

    /** Every task against every readable line with the exact ratio. */
    private static Set<String> bruteForce(List<OverlapCheck.Task> tasks, Path train, double threshold)
            throws Exception {
        Set<String> flagged = new HashSet<>();
        List<String> lines = Files.readAllLines(train);
        for (int i = 0; i < lines.size(); i++) {
            List<Document> sample;
            try {
                sample = TrainingShape.documents(JSON.readTree(lines.get(i)));
            } catch (Exception e) {
                continue;
            }
            for (OverlapCheck.Task task : tasks) {
                for (Document a : task.documents()) {
                    for (Document b : sample) {
                        if (new SequenceMatcher(a.text(), b.text()).ratio() >= threshold) {
                            flagged.add(task.id() + "@" + (i + 1));
                        }
                    }
                }
            }
        }
        return flagged;
    }
}
