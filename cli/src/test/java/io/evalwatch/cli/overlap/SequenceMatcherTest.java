package io.evalwatch.cli.overlap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SequenceMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();

    @Test
    void knownValuesPrintedByPython() {
        // python3 -c 'import difflib; print(difflib.SequenceMatcher(None, A, B).ratio())' for each pair
        assertEquals(0.75, new SequenceMatcher("abcd", "bcde").ratio());
        assertEquals(1.0, new SequenceMatcher("", "").ratio());
        assertEquals(0.0, new SequenceMatcher("abc", "").ratio());
        assertEquals(0.7368421052631579, new SequenceMatcher("def f(x):", "def g(y):x").ratio());
        // autojunk: in a b of 200+ elements, 'a' (more than len(b) // 100 + 1 times) never starts a match, though a
        // match grows over it; under 200 it is an element like any other
        assertEquals(0.0, new SequenceMatcher("a".repeat(199), "b" + "a".repeat(199)).ratio());
        assertEquals(1.0, new SequenceMatcher("a".repeat(250), "a".repeat(250)).ratio());
        assertEquals(0.00398406374501992, new SequenceMatcher("a".repeat(250) + "x", "x" + "a".repeat(250)).ratio());
        assertEquals(0.9949748743718593, new SequenceMatcher("a".repeat(199), "b" + "a".repeat(198)).ratio());
    }

    /** The port against python3's own difflib on generated pairs: equal to the last bit. */
    @Test
    void agreesWithPythonsDifflib() throws Exception {
        List<String[]> pairs = pairs();
        ArrayNode input = JSON.createArrayNode();
        for (String[] pair : pairs) {
            input.addArray().add(pair[0]).add(pair[1]);
        }
        JsonNode python = python("import difflib, json, sys\n"
                + "print(json.dumps([[repr(difflib.SequenceMatcher(None, a, b).ratio()),"
                + " repr(difflib.SequenceMatcher(None, a, b).quick_ratio())] for a, b in json.load(sys.stdin)]))",
                JSON.writeValueAsBytes(input));
        assertEquals(pairs.size(), python.size());
        int autojunked = 0;
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            SequenceMatcher matcher = new SequenceMatcher(a, b);
            assertEquals(Double.parseDouble(python.get(i).get(0).asText()), matcher.ratio(), "ratio of pair " + i
                    + ": " + JSON.writeValueAsString(pairs.get(i)));
            assertEquals(Double.parseDouble(python.get(i).get(1).asText()), matcher.quickRatio(), "quick ratio of "
                    + i);
            assertTrue(matcher.quickRatio() >= matcher.ratio());
            assertTrue(SequenceMatcher.realQuickRatio(a.codePointCount(0, a.length()),
                    b.codePointCount(0, b.length())) >= matcher.quickRatio());
            autojunked += b.length() >= 200 ? 1 : 0;
        }
        assertTrue(autojunked > 50, "pairs long enough for autojunk: " + autojunked);
    }

    private static List<String[]> pairs() throws IOException {
        List<String[]> pairs = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        // random strings over small alphabets, short and long (autojunk starts at 200), with edits between them
        String[] alphabets = {"ab", "abcd", "abcdefgh ", "xyzé→😀 "};
        for (int i = 0; i < 160; i++) {
            String alphabet = alphabets[i % alphabets.length];
            int[] points = alphabet.codePoints().toArray();
            StringBuilder a = new StringBuilder();
            int length = random.nextInt(i % 3 == 0 ? 600 : 60);
            for (int k = 0; k < length; k++) {
                a.appendCodePoint(points[random.nextInt(points.length)]);
            }
            pairs.add(new String[] {a.toString(), edited(a.toString(), points, random)});
        }
        // real code and prose: the golden suite's files against edited copies and against each other
        List<String> files;
        try (Stream<Path> tasks = Files.list(ROOT.resolve("suites/golden/tasks"))) {
            files = tasks.sorted().limit(40).map(SequenceMatcherTest::read).toList();
        }
        for (int i = 0; i < files.size(); i++) {
            String text = files.get(i).substring(0, Math.min(files.get(i).length(), 1500));
            pairs.add(new String[] {text, edited(text, "abcxyz_ ()\n".codePoints().toArray(), random)});
            pairs.add(new String[] {text, files.get((i + 1) % files.size())});
            pairs.add(new String[] {OverlapText.normalise(text), OverlapText.normalise(files.get((i + 7)
                    % files.size()))});
        }
        return pairs;
    }

    private static String edited(String text, int[] points, SplittableRandom random) {
        int[] source = text.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int c : source) {
            double r = random.nextDouble();
            if (r < 0.05) {
                continue;
            }
            out.appendCodePoint(r < 0.12 ? points[random.nextInt(points.length)] : c);
            if (r > 0.97) {
                out.appendCodePoint(points[random.nextInt(points.length)]);
            }
        }
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode python(String program, byte[] stdin) throws Exception {
        Process process = new ProcessBuilder("python3", "-c", program).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertEquals(0, process.waitFor(), "python3 failed");
        return JSON.readTree(new String(out, StandardCharsets.UTF_8));
    }
}
