package io.evalwatch.scoring.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * chrF against sacreBLEU's own published expectations: the cases of test/test_chrf.py in
 * https://github.com/mjpost/sacrebleu (sacreBLEU 2.x; each case is one hypothesis and one reference, so the corpus
 * score there is the sentence score here), to the same tolerance (1e-4).
 */
class ChrFTest {

    private static final double EPSILON = 1e-4;

    /** test_chrf_sentence_level: sentence_chrf(hyp, [ref], eps_smoothing=True), so beta 2, orders 1..6. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.|Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.|39.14078509",
        "Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.|A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.|31.22557079",
        "Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.|Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.|57.15704367",
    })
    void sentenceLevelWithEpsilonSmoothing(String hypothesis, String reference, double expected) {
        assertEquals(expected, new ChrF(6, 2.0, true, false).score(hypothesis, reference), EPSILON);
    }

    /** test_chrf: corpus_chrf(..., char_order=6, word_order=0, beta=3, eps_smoothing=True). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abcdefg|hijklmnop|0.0",
        "a|b|0.0",
        "''|b|0.0",
        "''|reference|0.0",
        "aa|ab|8.3333",
        "a|a|16.6667",
        "a b c|a b c|50.0",
        "a b c|abc|50.0",
        "' risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .'|'risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .'|63.361730",
        "' Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. '|'Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.'|64.1302698",
        "'Niemand hat die Absicht, eine Mauer zu errichten'|'Niemand hat die Absicht, eine Mauer zu errichten'|100.0",
    })
    void betaThreeWithEpsilonSmoothing(String hypothesis, String reference, double expected) {
        assertEquals(expected, new ChrF(6, 3.0, true, false).score(hypothesis, reference), EPSILON);
    }

    /** test_chrf_eff_order: eps_smoothing=False, the averaging of sentence_chrf's default. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a|a|100.0",
        "''|reference|0.0",
        "a b c|a b c|100.0",
        "a b c|abc|100.0",
        "''|c|0.0",
        "aa|ab|25.0",
    })
    void effectiveOrder(String hypothesis, String reference, double expected) {
        assertEquals(expected, new ChrF(6, 3.0, false, false).score(hypothesis, reference), EPSILON);
    }

    /** test_chrf_keep_whitespace: remove_whitespace=False (eps smoothing, beta 3). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.|Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.|67.3481606",
        "risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .|risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .|65.2414427",
    })
    void keepingWhitespace(String hypothesis, String reference, double expected) {
        assertEquals(expected, new ChrF(6, 3.0, true, true).score(hypothesis, reference), EPSILON);
    }
}
