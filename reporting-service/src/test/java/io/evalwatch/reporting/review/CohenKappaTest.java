package io.evalwatch.reporting.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Against tables computed by hand: a both yes, b first yes second no, c first no second yes, d both no. */
class CohenKappaTest {

    private static final double EPS = 1e-12;

    @Test
    void theTextbookTable() {
        // n = 50; po = (20 + 15) / 50 = 0.7
        // yes rates: first (20 + 5) / 50 = 0.5, second (20 + 10) / 50 = 0.6
        // pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.3 + 0.2 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
        CohenKappa k = CohenKappa.of(20, 5, 10, 15);
        assertEquals(50, k.entries());
        assertEquals(0.7, k.observedAgreement(), EPS);
        assertEquals(0.5, k.chanceAgreement(), EPS);
        assertEquals(0.4, k.kappa(), EPS);
        assertNull(k.undefinedBecause());
    }

    @Test
    void agreementBarelyAboveChance() {
        // n = 100; po = (45 + 15) / 100 = 0.6; yes rates 0.6 and 0.7
        // pe = 0.6 * 0.7 + 0.4 * 0.3 = 0.42 + 0.12 = 0.54; kappa = 0.06 / 0.46 = 3 / 23
        CohenKappa k = CohenKappa.of(45, 15, 25, 15);
        assertEquals(0.54, k.chanceAgreement(), EPS);
        assertEquals(3.0 / 23, k.kappa(), EPS);
    }

    @Test
    void perfectAgreementIsOneAndPerfectDisagreementMinusOne() {
        // a = 3, d = 7: po = 1; pe = 0.3 * 0.3 + 0.7 * 0.7 = 0.58; kappa = (1 - 0.58) / (1 - 0.58) = 1
        assertEquals(1.0, CohenKappa.of(3, 0, 0, 7).kappa(), EPS);
        // b = c = 5: po = 0; pe = 0.5 * 0.5 + 0.5 * 0.5 = 0.5; kappa = (0 - 0.5) / 0.5 = -1
        assertEquals(-1.0, CohenKappa.of(0, 5, 5, 0).kappa(), EPS);
    }

    @Test
    void bothConstantOnTheSameAnswerIsUndefinedWithTheReason() {
        // a = 10: po = 1, pe = 1 * 1 + 0 * 0 = 1; kappa = 0 / 0
        CohenKappa yes = CohenKappa.of(10, 0, 0, 0);
        assertNull(yes.kappa());
        assertEquals(1.0, yes.observedAgreement(), EPS);
        assertTrue(yes.undefinedBecause().contains("same answer to every entry (yes)"), yes.undefinedBecause());
        // d = 4: pe = 0 * 0 + 1 * 1 = 1
        CohenKappa no = CohenKappa.of(0, 0, 0, 4);
        assertNull(no.kappa());
        assertTrue(no.undefinedBecause().contains("(no)"), no.undefinedBecause());
    }

    @Test
    void bothConstantOnOppositeAnswersIsZeroNotUndefined() {
        // b = 10: po = 0; yes rates 1 and 0; pe = 1 * 0 + 0 * 1 = 0; kappa = (0 - 0) / 1 = 0
        CohenKappa k = CohenKappa.of(0, 10, 0, 0);
        assertEquals(0.0, k.kappa(), EPS);
        assertNull(k.undefinedBecause());
    }

    @Test
    void oneConstantRaterAgreesNoMoreThanChance() {
        // a = 6, b = 4: po = 0.6; yes rates 1 and 0.6; pe = 1 * 0.6 + 0 * 0.4 = 0.6; kappa = 0
        assertEquals(0.0, CohenKappa.of(6, 4, 0, 0).kappa(), EPS);
    }

    @Test
    void noEntriesIsUndefined() {
        CohenKappa k = CohenKappa.of(0, 0, 0, 0);
        assertNull(k.kappa());
        assertNull(k.observedAgreement());
        assertEquals("no entries both rated", k.undefinedBecause());
        assertEquals(k, CohenKappa.of(List.of(), List.of()));
    }

    @Test
    void pairedRatingsCountIntoTheTable() {
        // pairs (y,y) x2, (y,n), (n,y) x2, (n,n) x2 → a = 2, b = 1, c = 2, d = 2, n = 7
        List<Boolean> first = List.of(true, true, true, false, false, false, false);
        List<Boolean> second = List.of(true, true, false, true, true, false, false);
        assertEquals(CohenKappa.of(2, 1, 2, 2), CohenKappa.of(first, second));
        // po = 4/7; yes rates 3/7 and 4/7; pe = 12/49 + 12/49 = 24/49; kappa = (28/49 - 24/49) / (25/49) = 4/25
        assertEquals(0.16, CohenKappa.of(first, second).kappa(), EPS);
    }

    @Test
    void refusesUnpairedOrNegativeInput() {
        assertThrows(IllegalArgumentException.class, () -> CohenKappa.of(List.of(true), List.of()));
        assertThrows(IllegalArgumentException.class, () -> CohenKappa.of(-1, 0, 0, 0));
    }
}
