package io.evalwatch.scoring.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sentence BLEU against sacreBLEU's own published expectations: test/test_sentence_bleu.py in
 * https://github.com/mjpost/sacrebleu (sacreBLEU 2.x), the cases of its default configuration (13a tokenizer,
 * exponential smoothing, effective order), to the same tolerance (1e-3).
 */
class SentenceBleuTest {

    private static final double EPSILON = 1e-3;

    /** "Example taken from #98": exp smoothing, 13a, case-sensitive → 8.493. */
    @Test
    void sacreBleuIssue98() {
        String reference = "producţia de zahăr brut se exprimă în zahăr alb;";
        String hypothesis = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";
        assertEquals(8.493, SentenceBleu.score(hypothesis, reference), EPSILON);
    }

    /** "Example taken from #141": no unigram in common → 0.0, not what smoothing alone would give. */
    @Test
    void sacreBleuIssue141() {
        assertEquals(0.0, SentenceBleu.score("this is a cat", "okay thanks"), EPSILON);
    }

    @Test
    void identicalTextIsAHundred() {
        assertEquals(100.0, SentenceBleu.score("def f(x):\n    return x + 1", "def f(x):\n    return x + 1"), 1e-9);
    }

    /** 13a splits symbols and brackets off names; periods and commas stay inside numbers. */
    @Test
    void tokenizer13aSplitsCodeAtSymbols() {
        assertEquals(List.of("return", "sorted", "(", "xs", "[", "1", ":", "]", ")", "+", "3.5", ",", "x"),
                Tokenizer13a.tokens("return sorted(xs[1:])+3.5, x"));
    }
}
