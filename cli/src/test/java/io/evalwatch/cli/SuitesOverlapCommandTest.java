package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitesOverlapCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "Write merge_intervals(intervals) returning the overlapping intervals merged,"
            + " sorted by start.";
    private static final String REFERENCE = """
            def merge_intervals(intervals):
                merged = []
                for start, end in sorted(intervals):
                    if merged and start <= merged[-1][1]:
                        merged[-1][1] = max(merged[-1][1], end)
                    else:
                        merged.append([start, end])
                return merged
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void suite() throws Exception {
        Path tasks = Files.createDirectories(dir.resolve("mine/tasks"));
        Files.writeString(dir.resolve("mine/suite.yaml"), "name: mine\nversion: 1.0.0\n");
        Files.writeString(tasks.resolve("merge.yaml"), "id: merge\nentry_point: merge_intervals\nprompt: "
                + JSON.writeValueAsString(PROMPT) + "\ntests:\n  - name: two\n    code: assert merge_intervals([[1, 3],"
                + " [2, 4]]) == [[1, 4]]\nreference: " + JSON.writeValueAsString(REFERENCE) + "\n");
        Files.writeString(tasks.resolve("add.yaml"), "id: add\nentry_point: add\nprompt: Write add(a, b) returning"
                + " the sum of two numbers.\ntests:\n  - name: small\n    code: assert add(1, 2) == 3\nreference: |\n"
                + "  def add(a, b):\n      return a + b\n");
    }

    @Test
    void aLeakedTaskIsFlaggedWithItsLineAndExitsOne() throws Exception {
        Path train = train(List.of(
                JSON.writeValueAsString(Map.of("text", "A recipe for bread: flour, water, salt and patience.")),
                JSON.writeValueAsString(Map.of("prompt", "Merge the intervals, please.", "completion",
                        REFERENCE.replace("merged", "out") + "# done\n")),
                "{\"broken\": ",
                JSON.writeValueAsString(Map.of("instruction", PROMPT, "input", "", "output", "pass"))));

        Printed printed = overlap("--train", train.toString(), dir.resolve("mine").toString());

        assertEquals(1, printed.code(), printed.err());
        // the copied prompt (line 4) before the renamed reference (line 2)
        assertTrue(printed.out().contains("mine   merge  1.000       prompt ~ instruction  4, 2\n"), printed.out());
        assertTrue(printed.out().contains("1 of 2 tasks overlap"), printed.out());
        assertTrue(printed.out().contains("3 samples, 1 unreadable lines skipped"), printed.out());
        assertTrue(printed.err().contains(train + ":3: skipped: not JSON: "), printed.err());
    }

    @Test
    void jsonIsAloneOnStdoutWithEveryMatchingLine() throws Exception {
        Path train = train(List.of(
                JSON.writeValueAsString(Map.of("code", REFERENCE)),
                JSON.writeValueAsString(Map.of("messages", List.of(Map.of("role", "user", "content", PROMPT))))));

        Printed printed = overlap("--train", train.toString(), dir.toString(), "--format", "json");

        assertEquals(1, printed.code(), printed.err());
        JsonNode report = JSON.readTree(printed.out());
        assertEquals(2, report.path("tasks").asInt());
        assertEquals(1, report.path("flaggedTasks").asInt());
        assertEquals(2, report.path("flaggedPairs").asInt());
        JsonNode merge = report.path("overlaps").get(0);
        assertEquals("merge", merge.path("task").asText());
        assertEquals(1.0, merge.path("similarity").asDouble());
        List<String> matched = new ArrayList<>();
        merge.path("lines").forEach(l -> matched.add(l.path("line").asInt() + " " + l.path("taskPart").asText()
                + "~" + l.path("trainingField").asText()));
        assertEquals(List.of("1 reference~code", "2 prompt~messages[0]"), matched);
    }

    @Test
    void aGzipFileIsReadAsItsLines() throws Exception {
        Path train = dir.resolve("train.jsonl.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(train))) {
            out.write((JSON.writeValueAsString(Map.of("text", "Unrelated prose about rivers and mountains.")) + "\n"
                    + JSON.writeValueAsString(Map.of("code", REFERENCE)) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        Printed printed = overlap("--train", train.toString(), dir.toString());

        assertEquals(1, printed.code(), printed.err());
        assertTrue(printed.out().contains("mine   merge  1.000       reference ~ code  2\n"), printed.out());
    }

    @Test
    void noOverlapExitsZeroAndHigherThresholdsFlagLess() throws Exception {
        Path train = train(List.of(JSON.writeValueAsString(Map.of("code",
                REFERENCE.replace("merged", "result").replace("start", "lo").replace("end", "hi")))));

        Printed loose = overlap("--train", train.toString(), dir.toString(), "--threshold", "0.6");
        Printed strict = overlap("--train", train.toString(), dir.toString(), "--threshold", "0.95");

        assertEquals(1, loose.code(), loose.out());
        assertEquals(0, strict.code(), strict.out());
        assertTrue(strict.out().contains("0 of 2 tasks overlap"), strict.out());
    }

    @Test
    void strictFailsOnAnUnreadableLineAndBadArgumentsAreUsageErrors() throws Exception {
        Path train = train(List.of("not json", JSON.writeValueAsString(Map.of("text", "fine"))));

        assertEquals(1, overlap("--train", train.toString(), dir.toString(), "--strict").code());
        assertEquals(0, overlap("--train", train.toString(), dir.toString()).code());
        assertEquals(2, overlap("--train", dir.resolve("missing.jsonl").toString(), dir.toString()).code());
        assertEquals(2, overlap("--train", train.toString(), dir.resolve("mine/tasks").toString()).code());
        assertEquals(2, overlap("--train", train.toString(), dir.toString(), "--threshold", "1.5").code());
    }

    private Path train(List<String> lines) throws Exception {
        return Files.write(dir.resolve("train.jsonl"), lines);
    }

    private record Printed(int code, String out, String err) {
    }

    private static Printed overlap(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            List<String> all = new ArrayList<>(List.of("suites", "overlap"));
            all.addAll(List.of(args));
            code = EvalwatchCommand.commandLine().execute(all.toArray(String[]::new));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Printed(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }
}
