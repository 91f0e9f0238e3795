package io.evalwatch.reporting.report;

import io.evalwatch.reporting.composite.SuiteCompositeWeights;
import io.evalwatch.reporting.ledger.ItemJudgement;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.review.HumanReviews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read side of the ledger: reports, item lists and a model's history across runs. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportService {

    private final SuiteCompositeWeights weights;
    private final HumanReviews reviews;

    public ReportService(SuiteCompositeWeights weights, HumanReviews reviews) {
        this.weights = weights;
        this.reviews = reviews;
    }

    /** The run's report, its composite taking in the human accept rate of the run's reviews where there are any. */
    public Optional<RunReport> report(String runId) {
        Map<String, Double> accepted = reviews.acceptRate(runId);
        return report(runId, accepted.isEmpty() ? null : accepted);
    }

    /**
     * humanAcceptRates: per model, the share of its reviewed answers accepted in this run; null until reviews are
     * stored, which leaves the composite's human part missing.
     */
    public Optional<RunReport> report(String runId, Map<String, Double> humanAcceptRates) {
        RunRecord run = RunRecord.findById(runId);
        return Optional.ofNullable(run).map(r -> RunReportBuilder.build(r, ItemResult.ofRun(runId),
                weights.of(r.suite), humanAcceptRates, ItemJudgement.ofRun(runId)));
    }

    public Optional<RunRecord> run(String runId) {
        return Optional.ofNullable(RunRecord.findById(runId));
    }

    public Optional<List<ItemView>> items(String runId) {
        if (RunRecord.findById(runId) == null) {
            return Optional.empty();
        }
        Map<String, ItemJudgement> judgements = ItemJudgement.ofRun(runId);
        return Optional.of(ItemResult.ofRun(runId).stream().map(i -> ItemView.of(i, judgements.get(i.itemId)))
                .toList());
    }

    public List<RunRecord> latestRuns(int limit) {
        return RunRecord.find("order by startedAt desc nulls last").page(0, limit).list();
    }

    /** The model's summary in each completed run, oldest first: the series a drift check reads. */
    public List<HistoryPoint> history(String model, String suite, int limit) {
        List<RunRecord> runs = suite == null
                ? RunRecord.find("status = ?1 order by completedAt desc", RunRecord.COMPLETED).page(0, limit).list()
                : RunRecord.find("status = ?1 and suite = ?2 order by completedAt desc", RunRecord.COMPLETED, suite)
                        .page(0, limit).list();
        return runs.stream()
                .map(run -> {
                    List<ItemResult> items = ItemResult.plain(
                            ItemResult.<ItemResult>list("runId = ?1 and model = ?2", run.runId, model));
                    return items.isEmpty() ? null : HistoryPoint.of(run,
                            RunReportBuilder.model(model, items, weights.of(run.suite), null));
                })
                .filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparing(HistoryPoint::completedAt))
                .toList();
    }

    /**
     * One stored item, as listed by the API, with its LLM judgement when the suite has a judge (judgeScore null and
     * judgeUnscoredReason set when the judge gave no score; all three null when it was not judged), its secondary
     * failure categories, task kind, model calls and named measures (quality signals, similarity).
     */
    public record ItemView(String itemId, String taskId, String category, String model, int sample, boolean passed,
            boolean errored, String failureCategory, int testsPassed, int testsTotal, double weightedAccuracy,
            Double ttftSeconds, Double durationSeconds, double costUsd, String systemFingerprint, Integer judgeScore,
            String judgeRationale, String judgeUnscoredReason, java.util.List<String> secondaryCategories,
            String kind, Integer attempts, java.util.Map<String, Double> metrics) {

        static ItemView of(ItemResult i, ItemJudgement j) {
            return new ItemView(i.itemId, i.taskId, i.category, i.model, i.sample, i.passed, i.errored,
                    i.failureCategory, i.testsPassed, i.testsTotal, i.weightedAccuracy, i.ttftSeconds,
                    i.durationSeconds, i.costUsd, i.systemFingerprint, j == null ? null : j.score,
                    j == null ? null : j.rationale, j == null ? null : j.unscoredReason,
                    i.secondaryCategories == null ? List.of() : i.secondaryCategories, i.kind, i.attempts,
                    i.metrics == null ? java.util.Map.of() : i.metrics);
        }
    }

    /** A model's result in one completed run. */
    public record HistoryPoint(String runId, String suite, String suiteVersion, java.time.Instant completedAt,
            int items, double passAt1, double weightedAccuracy, Double ttftP50, double costUsd,
            List<String> systemFingerprints) {

        static HistoryPoint of(RunRecord run, RunReport.ModelReport m) {
            return new HistoryPoint(run.runId, run.suite, run.suiteVersion, run.completedAt, m.items(), m.passAt1(),
                    m.weightedAccuracy(), m.latency().ttftP50(), m.cost().totalUsd(), m.systemFingerprints());
        }
    }
}
