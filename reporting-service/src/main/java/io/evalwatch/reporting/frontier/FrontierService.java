package io.evalwatch.reporting.frontier;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.reporting.composite.CompositeScore;
import io.evalwatch.reporting.composite.CompositeWeights;
import io.evalwatch.reporting.composite.SuiteCompositeWeights;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.review.HumanReviews;
import io.evalwatch.reporting.stream.RunStream;
import io.evalwatch.reporting.stream.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Places every model's latest valid stream run of a suite on the cost-quality frontier. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FrontierService {

    private final SuiteCompositeWeights weights;
    private final HumanReviews reviews;

    public FrontierService(SuiteCompositeWeights weights, HumanReviews reviews) {
        this.weights = weights;
        this.reviews = reviews;
    }

    public List<Frontier.Placed> frontier(String suite) {
        return frontier(suite, null);
    }

    /**
     * Each model's latest valid stream run of the suite completed at or before {@code asOf} (now when null): ad-hoc
     * runs, gate runs and invalid runs are never frontier points.
     */
    public List<Frontier.Placed> frontier(String suite, Instant asOf) {
        List<RunRecord> runs = RunRecord.list("status = ?1 and suite = ?2 and (trigger is null or trigger <> 'gate')"
                + " and completedAt <= ?3 order by completedAt desc", RunRecord.COMPLETED, suite,
                asOf == null ? Instant.now() : asOf);
        Map<String, Frontier.Point> latest = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            for (RunStream rs : RunStream.ofRun(run.runId)) {
                if (rs.adHoc() || !rs.valid() || !StreamRegistry.BASE_VARIANT.equals(rs.variant)
                        || latest.containsKey(rs.model)) {
                    continue;
                }
                // the base stream's items only: variants run beside base are no frontier point
                List<ItemResult> items = ItemResult.<ItemResult>list("runId = ?1 and model = ?2 and errored = false",
                        run.runId, rs.model).stream().filter(i -> i.variantOrBase().equals(rs.variant)).toList();
                if (!items.isEmpty()) {
                    latest.put(rs.model, point(rs.model, run.runId, items, weights.of(suite),
                            reviews.acceptRate(run.runId).get(rs.model)));
                }
            }
        }
        return Frontier.place(new ArrayList<>(latest.values()));
    }

    /** humanAcceptRate: the share of the model's reviewed answers accepted, null when none were reviewed. */
    static Frontier.Point point(String model, String runId, List<ItemResult> items, CompositeWeights weights,
            Double humanAcceptRate) {
        double passRate = items.stream().filter(i -> i.passed).count() / (double) items.size();
        double cost = items.stream().mapToDouble(i -> i.costUsd).sum();
        // a completed task got an answer from the provider; failed calls still cost (retries) but complete nothing
        int completed = (int) items.stream()
                .filter(i -> !FailureCategory.PROVIDER_ERROR.label().equals(i.failureCategory)).count();
        return new Frontier.Point(model, runId, CompositeScore.of(items, humanAcceptRate, weights), passRate,
                completed == 0 ? null : cost / completed, completed);
    }
}
