package io.evalwatch.reporting.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.reporting.baseline.DriftAnalysisRecord;
import io.evalwatch.reporting.baseline.DriftRecorder;
import io.evalwatch.reporting.drift.DriftAnalysis;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.RegressionReport.ModelRegression;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Regression reports: against the baseline each model was compared with when the run completed, or against an
 * explicitly named run.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RegressionService {

    private final DriftRecorder recorder;
    private final ObjectMapper json;

    public RegressionService(DriftRecorder recorder, ObjectMapper json) {
        this.recorder = recorder;
        this.json = json;
    }

    /** Empty when the run is unknown; a run still in progress has no verdicts yet (status tells). */
    public Optional<RegressionReport> report(String runId, String explicitBaseline) {
        RunRecord run = RunRecord.findById(runId);
        if (run == null) {
            return Optional.empty();
        }
        List<ItemResult> items = ItemResult.ofRun(runId);
        List<ModelRegression> models = new ArrayList<>();
        for (String model : new TreeSet<>(items.stream().map(i -> i.model).filter(m -> m != null).toList())) {
            String baselineRunId;
            DriftAnalysis analysis;
            if (explicitBaseline != null) {
                baselineRunId = explicitBaseline;
                analysis = recorder.compare(runId, explicitBaseline, model).orElse(null);
            } else {
                DriftAnalysisRecord stored = DriftAnalysisRecord.of(runId, model);
                baselineRunId = stored == null ? null : stored.baselineRunId;
                analysis = stored == null || stored.analysis == null ? null
                        : json.convertValue(stored.analysis, DriftAnalysis.class);
            }
            if (explicitBaseline == null && DriftAnalysisRecord.of(runId, model) == null) {
                models.add(RegressionReportBuilder.pending(model)); // completed runs are analysed within seconds
                continue;
            }
            List<ItemResult> before = baselineRunId == null ? List.of() : ItemResult.ofRun(baselineRunId);
            models.add(RegressionReportBuilder.model(model, baselineRunId, analysis, before, items));
        }
        return Optional.of(RegressionReportBuilder.report(run, models));
    }
}
