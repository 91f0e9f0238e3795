package io.evalwatch.reporting.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.reporting.review.HumanReviews.ReviewedItem;
import io.evalwatch.reporting.review.StratifiedSample.Stratum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HumanReviewsEstimateTest {

    @Test
    void theMiddleStandsForEveryAnswerBetweenTheEnds() {
        // 100 answers; the 3 highest all accepted, the 3 lowest none, 3 of the middle 94 drawn, 1 of them accepted:
        // (3 + 0 + 94 * 1/3) / 100, not the sample's plain 4/9
        List<ReviewedItem> reviewed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reviewed.add(new ReviewedItem("m", Stratum.top, 1.0));
            reviewed.add(new ReviewedItem("m", Stratum.bottom, 0.0));
            reviewed.add(new ReviewedItem("m", Stratum.middle, i == 0 ? 1.0 : 0.0));
        }
        assertEquals((3 + 94.0 / 3) / 100, HumanReviews.estimate(reviewed, Map.of("m", 100L)).get("m"), 1e-12);
    }

    @Test
    void twoReviewersWhoDisagreeCountHalfAndWithoutAMiddleThePlainMeanIsAllThereIs() {
        List<ReviewedItem> reviewed = List.of(new ReviewedItem("m", Stratum.top, 0.5),
                new ReviewedItem("m", Stratum.bottom, 0.0));
        assertEquals(0.25, HumanReviews.estimate(reviewed, Map.of("m", 50L)).get("m"), 1e-12);
    }
}
