package io.evalwatch.cli.overlap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.suite.LoadedTask;
import io.evalwatch.suite.SuiteFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MinHashTest {

    private static final Path ROOT = Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();
    private static final String[] WORDS = {"value", "items", "tmp", "result", "total", "node", "count", "x"};

    private final MinHash minHash = new MinHash();

    @Test
    void theBandsMakeRatioPointEightPairsCandidatesAndUnrelatedOnesRarely() {
        // pairs at ratio >= 0.8 have shingle Jaccard around 0.5 and above (docs/SUITES.md); unrelated code ~0.1
        assertTrue(minHash.candidateProbability(0.5) > 0.98, "" + minHash.candidateProbability(0.5));
        assertTrue(minHash.candidateProbability(0.4) > 0.85, "" + minHash.candidateProbability(0.4));
        assertTrue(minHash.candidateProbability(0.1) < 0.07, "" + minHash.candidateProbability(0.1));
    }

    @Test
    void textsInsideALongerOneGetTheKeysTheyGetAlone() {
        String prompt = OverlapText.normalise("Write a function that merges overlapping intervals.");
        String code = OverlapText.normalise("def merge(intervals):\n    return sorted(intervals)");
        String whole = prompt + " " + code;
        List<long[]> together = minHash.bandKeys(List.of(prompt, code, whole));
        assertArrayEquals(minHash.bandKeys(prompt), together.get(0));
        assertArrayEquals(minHash.bandKeys(code), together.get(1));
        assertArrayEquals(minHash.bandKeys(whole), together.get(2));
        List<long[]> apart = minHash.bandKeys(List.of("not inside the other one at all", code));
        assertArrayEquals(minHash.bandKeys("not inside the other one at all"), apart.get(0));
    }

    /** Copies of the repository's suites with renamed identifiers: those at ratio >= 0.8 must become candidates. */
    @Test
    void plantedCopiesAtRatioPointEightAreCandidates() {
        List<String> texts = new ArrayList<>();
        for (String suite : List.of("golden", "starter")) {
            for (LoadedTask task : SuiteFolder.read(ROOT.resolve("suites").resolve(suite)).tasks()) {
                TaskTexts.of(task.spec()).forEach(d -> texts.add(d.text()));
            }
        }
        SplittableRandom random = new SplittableRandom(11);
        int close = 0;
        int candidates = 0;
        for (String text : texts) {
            double rate = new double[] {0.05, 0.1, 0.2, 0.3}[random.nextInt(4)];
            String copy = OverlapText.normalise(renamed(text, rate, random));
            if (new SequenceMatcher(text, copy).ratio() < 0.8) {
                continue;
            }
            close++;
            if (shareABand(minHash.bandKeys(text), minHash.bandKeys(copy))) {
                candidates++;
            }
        }
        assertTrue(close > 100, "pairs at ratio >= 0.8: " + close);
        assertTrue(candidates >= 0.95 * close, candidates + " of " + close + " close pairs are candidates");
        // and unrelated texts of the same suites seldom are
        int unrelated = 0;
        int collided = 0;
        for (int i = 0; i + 1 < texts.size(); i += 2) {
            if (new SequenceMatcher(texts.get(i), texts.get(texts.size() - 1 - i)).quickRatio() < 0.8) {
                unrelated++;
                collided += shareABand(minHash.bandKeys(texts.get(i)), minHash.bandKeys(texts.get(texts.size() - 1
                        - i))) ? 1 : 0;
            }
        }
        assertTrue(collided < 0.1 * unrelated, collided + " of " + unrelated + " unrelated pairs are candidates");
    }

    private static boolean shareABand(long[] x, long[] y) {
        for (int band = 0; band < x.length; band++) {
            if (x[band] == y[band]) {
                return true;
            }
        }
        return false;
    }

    /** Each distinct identifier renamed everywhere with probability rate, as a copied-and-edited solution would be. */
    static String renamed(String text, double rate, SplittableRandom random) {
        Map<String, String> renames = new HashMap<>();
        Matcher word = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*").matcher(text);
        StringBuilder out = new StringBuilder();
        while (word.find()) {
            String replacement = renames.computeIfAbsent(word.group(),
                    w -> random.nextDouble() < rate ? WORDS[random.nextInt(WORDS.length)] : w);
            word.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        word.appendTail(out);
        assertEquals(text.isEmpty(), out.isEmpty());
        return out.toString();
    }
}
