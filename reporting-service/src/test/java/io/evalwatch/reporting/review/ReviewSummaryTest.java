package io.evalwatch.reporting.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.reporting.review.ReviewSummary.ModelReview;
import io.evalwatch.reporting.review.ReviewSummary.Rating;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewSummaryTest {

    private static final double EPS = 1e-12;

    @Test
    void ratesKappaBetweenReviewersAndAgreementWithTheAutomatedVerdict() {
        List<Rating> ratings = new ArrayList<>();
        // model a, items a0..a9, all passed; ann accepts a0..a4, bob accepts a0..a3, a5, a6:
        // a = 4 (a0..a3), b = 1 (a4), c = 2 (a5, a6), d = 3 (a7..a9) → po = 0.7, pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5,
        // kappa = 0.4
        for (int i = 0; i < 10; i++) {
            ratings.add(new Rating("a" + i, "a", true, "ann", i < 5, i == 9));
            ratings.add(new Rating("a" + i, "a", true, "bob", i < 4 || i == 5 || i == 6, false));
        }
        // model b: only ann, on two items, one passed
        ratings.add(new Rating("b0", "b", true, "ann", true, false));
        ratings.add(new Rating("b1", "b", false, "ann", true, true));

        ReviewSummary summary = ReviewSummary.of("r", 1, ratings);
        assertEquals(List.of("ann", "bob"), summary.reviewers());
        ModelReview a = summary.models().get(0);
        assertEquals("a", a.model());
        assertEquals(10, a.itemsReviewed());
        assertEquals(20, a.verdicts());
        assertEquals(11.0 / 20, a.acceptRate(), EPS);
        assertEquals(1.0 / 20, a.introducesBugRate(), EPS);
        assertEquals(1, a.reviewerAgreement().size());
        assertEquals(10, a.reviewerAgreement().get(0).entries());
        assertEquals(0.7, a.reviewerAgreement().get(0).agreement(), EPS);
        assertEquals(0.4, a.reviewerAgreement().get(0).kappa(), EPS);
        // every item passed: agreement = accept rate; human yes 0.55, automated yes 1 → pe = 0.55 = po → kappa 0
        assertEquals(11.0 / 20, a.automated().agreement(), EPS);
        assertEquals(0.0, a.automated().kappa(), EPS);

        ModelReview b = summary.models().get(1);
        assertEquals(2, b.itemsReviewed());
        assertEquals(1.0, b.acceptRate(), EPS);
        assertTrue(b.reviewerAgreement().isEmpty(), "one reviewer: no pair");
        // accept (y, y) against passed (y, n): po = 0.5, pe = 1 * 0.5 + 0 * 0.5 = 0.5 → kappa 0
        assertEquals(0.5, b.automated().agreement(), EPS);

        assertEquals(12, summary.all().itemsReviewed());
        assertEquals(13.0 / 22, summary.all().acceptRate(), EPS);
        assertEquals(Map.of("a", 11.0 / 20, "b", 1.0), summary.acceptRates());
    }

    @Test
    void reviewersWithNoItemInCommonHaveNoKappa() {
        ReviewSummary summary = ReviewSummary.of("r", 1, List.of(new Rating("x", "m", true, "ann", true, false),
                new Rating("y", "m", true, "bob", false, false)));
        ReviewSummary.ReviewerAgreement pair = summary.models().get(0).reviewerAgreement().get(0);
        assertEquals(0, pair.entries());
        assertNull(pair.kappa());
        assertEquals("no entries both rated", pair.kappaUndefinedBecause());
    }

    @Test
    void nothingReviewedIsEmptyNotZero() {
        ReviewSummary summary = ReviewSummary.of("r", 0, List.of());
        assertTrue(summary.models().isEmpty());
        assertNull(summary.all().acceptRate());
        assertTrue(summary.acceptRates().isEmpty());
    }
}
