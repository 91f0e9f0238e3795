package io.evalwatch.scoring.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ItemMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimilarityTest {

    private static final String REFERENCE = "def add(a, b):\n    return a + b\n";

    @Test
    void editSimilarityAgainstHandComputedDistances() {
        // kitten -> sitting: 3 edits (k->s, e->i, +g), longer text 7 characters: 1 - 3/7
        assertEquals(1 - 3.0 / 7, Similarity.editSimilarity("kitten", "sitting"), 1e-12);
        // one deletion in 4 characters
        assertEquals(0.75, Similarity.editSimilarity("abcd", "abd"), 1e-12);
        assertEquals(1.0, Similarity.editSimilarity("", ""), 1e-12);
        assertEquals(0.0, Similarity.editSimilarity("abc", "xyz"), 1e-12);
    }

    @Test
    void exactMatchIgnoresTrailingWhitespaceAndBlankLinesOnly() {
        Map<String, Double> same = Similarity.of("def add(a, b):   \n\n    return a + b", REFERENCE);
        assertEquals(1.0, same.get(ItemMetrics.EXACT_MATCH));
        Map<String, Double> renamed = Similarity.of("def add(x, y):\n    return x + y\n", REFERENCE);
        assertEquals(0.0, renamed.get(ItemMetrics.EXACT_MATCH));
        assertTrue(renamed.get(ItemMetrics.CHRF) < 100 && renamed.get(ItemMetrics.CHRF) > 30, renamed.toString());
        assertTrue(renamed.get(ItemMetrics.EDIT_SIMILARITY) > 0.8, renamed.toString());
    }

    @Test
    void nothingIsMeasuredWithoutAReferenceOrCode() {
        assertTrue(Similarity.of("x = 1", null).isEmpty());
        assertTrue(Similarity.of(null, REFERENCE).isEmpty());
        assertEquals(4, Similarity.of("x = 1", REFERENCE).size());
    }
}
