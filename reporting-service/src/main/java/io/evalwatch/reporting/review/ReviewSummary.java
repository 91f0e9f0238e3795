package io.evalwatch.reporting.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What people said about a run's items, per model and over all models: how often they would accept the answer as
 * is, how often they saw it introduce a bug, how far reviewers agree with each other (Cohen's kappa on accept over
 * the items both reviewed) and with the automated verdict (accept against passed, over every verdict). Rates are of
 * the reviewed sample, which over-represents the highest and lowest scored items: they describe the sample, not
 * the whole run.
 */
public record ReviewSummary(String runId, int samples, List<String> reviewers, ModelReview all,
        List<ModelReview> models) {

    /** One reviewer's verdict on one item, with the item's model and automated verdict. */
    public record Rating(String itemId, String model, boolean passed, String reviewer, boolean accept,
            boolean introducesBug) {
    }

    /** The figures of one model (model null: all models). */
    public record ModelReview(String model, int itemsReviewed, int verdicts, Double acceptRate,
            Double introducesBugRate, List<ReviewerAgreement> reviewerAgreement, HumanAutomatedAgreement automated) {
    }

    /** Two reviewers on accept, over the items both reviewed. */
    public record ReviewerAgreement(String first, String second, int entries, Double agreement, Double kappa,
            String kappaUndefinedBecause) {
    }

    /** Human accept against automated pass, over every verdict. */
    public record HumanAutomatedAgreement(int verdicts, Double agreement, Double kappa,
            String kappaUndefinedBecause) {
    }

    /** The summary of these ratings; a reviewer rates an item at most once (the caller keeps the latest). */
    public static ReviewSummary of(String runId, int samples, List<Rating> ratings) {
        List<ModelReview> models = new ArrayList<>();
        new TreeSet<>(ratings.stream().map(Rating::model).toList())
                .forEach(m -> models.add(review(m, ratings.stream().filter(r -> r.model().equals(m)).toList())));
        List<String> reviewers = ratings.stream().map(Rating::reviewer).distinct().sorted().toList();
        return new ReviewSummary(runId, samples, reviewers, review(null, ratings), models);
    }

    /** Human accept rate per model: the share of verdicts that would accept the answer as is. */
    public Map<String, Double> acceptRates() {
        Map<String, Double> rates = new TreeMap<>();
        models.stream().filter(m -> m.acceptRate() != null).forEach(m -> rates.put(m.model(), m.acceptRate()));
        return rates;
    }

    private static ModelReview review(String model, List<Rating> ratings) {
        int items = (int) ratings.stream().map(Rating::itemId).distinct().count();
        List<String> reviewers = ratings.stream().map(Rating::reviewer).distinct().sorted().toList();
        List<ReviewerAgreement> pairs = new ArrayList<>();
        for (int i = 0; i < reviewers.size(); i++) {
            for (int j = i + 1; j < reviewers.size(); j++) {
                pairs.add(between(reviewers.get(i), reviewers.get(j), ratings));
            }
        }
        CohenKappa automated = CohenKappa.of(ratings.stream().map(Rating::accept).toList(),
                ratings.stream().map(Rating::passed).toList());
        return new ModelReview(model, items, ratings.size(), share(ratings, Rating::accept),
                share(ratings, Rating::introducesBug), pairs, new HumanAutomatedAgreement(ratings.size(),
                        automated.observedAgreement(), automated.kappa(), automated.undefinedBecause()));
    }

    private static ReviewerAgreement between(String first, String second, List<Rating> ratings) {
        Map<String, Boolean> a = accepts(first, ratings);
        Map<String, Boolean> b = accepts(second, ratings);
        Set<String> both = new TreeSet<>(a.keySet());
        both.retainAll(b.keySet());
        CohenKappa kappa = CohenKappa.of(both.stream().map(a::get).toList(), both.stream().map(b::get).toList());
        return new ReviewerAgreement(first, second, kappa.entries(), kappa.observedAgreement(), kappa.kappa(),
                kappa.undefinedBecause());
    }

    private static Map<String, Boolean> accepts(String reviewer, List<Rating> ratings) {
        return ratings.stream().filter(r -> r.reviewer().equals(reviewer))
                .collect(Collectors.toMap(Rating::itemId, Rating::accept, (x, y) -> y));
    }

    private static Double share(List<Rating> ratings, Predicate<Rating> which) {
        return ratings.isEmpty() ? null : (double) ratings.stream().filter(which).count() / ratings.size();
    }
}
