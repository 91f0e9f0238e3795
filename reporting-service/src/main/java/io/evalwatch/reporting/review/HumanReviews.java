package io.evalwatch.reporting.review;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** What people said about a run, for other parts of reporting (the run report's composite score). */
@ApplicationScoped
public class HumanReviews {

    private final ReviewService reviews;

    public HumanReviews(ReviewService reviews) {
        this.reviews = reviews;
    }

    /**
     * Per model of the run, the share of human verdicts that would accept the answer as is (over every reviewer's
     * verdicts on the run's review samples); a model nobody reviewed is absent, and so is a run without review.
     */
    public Map<String, Double> acceptRate(String runId) {
        return ReviewSummary.of(runId, 0, reviews.ratings(runId)).acceptRates();
    }
}
