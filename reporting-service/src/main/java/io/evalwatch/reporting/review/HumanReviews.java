package io.evalwatch.reporting.review;

import io.evalwatch.reporting.ledger.ItemResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What people said about a run, for other parts of reporting (the run report's composite score). */
@ApplicationScoped
public class HumanReviews {

    private final ReviewService reviews;

    public HumanReviews(ReviewService reviews) {
        this.reviews = reviews;
    }

    /** One reviewed item: its model, the stratum it was drawn from, and the share of its reviewers who accepted it. */
    public record ReviewedItem(String model, StratifiedSample.Stratum stratum, double accepted) {
    }

    /**
     * Per model of the run, the estimated share of all its answers a reviewer would accept as is; a model nobody
     * reviewed is absent, and so is a run without review. Not the raw share of verdicts: the sample takes the
     * highest and lowest scored answers on purpose, so the estimate weighs each stratum by the answers it stands
     * for (see {@link #estimate}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Double> acceptRate(String runId) {
        List<ReviewSummary.Rating> ratings = reviews.ratings(runId);
        if (ratings.isEmpty()) {
            return Map.of();
        }
        Map<String, StratifiedSample.Stratum> stratumOf = new HashMap<>();
        List<String> sampleIds = ReviewSample.ofRun(runId).stream().map(s -> s.sampleId).toList();
        ReviewEntry.<ReviewEntry>list("sampleId in ?1", sampleIds)
                .forEach(e -> stratumOf.putIfAbsent(e.itemId, StratifiedSample.Stratum.valueOf(e.stratum)));
        Map<String, List<Boolean>> verdictsOf = new HashMap<>();
        Map<String, String> modelOf = new HashMap<>();
        for (ReviewSummary.Rating r : ratings) {
            verdictsOf.computeIfAbsent(r.itemId(), k -> new ArrayList<>()).add(r.accept());
            modelOf.put(r.itemId(), r.model());
        }
        List<ReviewedItem> reviewed = new ArrayList<>();
        verdictsOf.forEach((item, verdicts) -> reviewed.add(new ReviewedItem(modelOf.get(item),
                stratumOf.getOrDefault(item, StratifiedSample.Stratum.middle),
                verdicts.stream().filter(v -> v).count() / (double) verdicts.size())));
        Map<String, Long> population = new HashMap<>();
        ItemResult.getEntityManager().createQuery("select i.model, count(i) from ItemResult i where i.runId = :run"
                        + " and i.errored = false group by i.model", Object[].class)
                .setParameter("run", runId).getResultList()
                .forEach(row -> population.put((String) row[0], (Long) row[1]));
        return estimate(reviewed, population);
    }

    /**
     * Post-stratified accept rates. The top and bottom strata are every one of a model's highest and lowest scored
     * answers, so each reviewed one stands for itself; the middle stratum is a random draw from the rest, so its mean
     * stands for all of them (the model's scored answers less its top and bottom ones). Without a reviewed middle
     * answer the plain mean of what was reviewed is all there is.
     */
    static Map<String, Double> estimate(List<ReviewedItem> reviewed, Map<String, Long> population) {
        Map<String, List<ReviewedItem>> byModel = new TreeMap<>();
        reviewed.forEach(r -> byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r));
        Map<String, Double> rates = new TreeMap<>();
        byModel.forEach((model, items) -> {
            List<ReviewedItem> middle = items.stream().filter(i -> i.stratum() == StratifiedSample.Stratum.middle)
                    .toList();
            List<ReviewedItem> ends = items.stream().filter(i -> i.stratum() != StratifiedSample.Stratum.middle)
                    .toList();
            double plain = items.stream().mapToDouble(ReviewedItem::accepted).average().orElse(0);
            long all = population.getOrDefault(model, 0L);
            long rest = all - ends.size();
            if (middle.isEmpty() || rest <= 0 || all <= 0) {
                rates.put(model, plain);
                return;
            }
            double middleMean = middle.stream().mapToDouble(ReviewedItem::accepted).average().orElse(0);
            double endsSum = ends.stream().mapToDouble(ReviewedItem::accepted).sum();
            rates.put(model, (endsSum + middleMean * rest) / all);
        });
        return rates;
    }
}
