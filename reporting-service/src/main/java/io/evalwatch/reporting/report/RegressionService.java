package io.evalwatch.reporting.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.reporting.verdict.DriftAnalysisRecord;
import io.evalwatch.reporting.verdict.DriftRecorder;
import io.evalwatch.reporting.drift.DriftAnalysis;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.RegressionReport.ModelRegression;
import io.evalwatch.reporting.stream.RunStream;
import io.evalwatch.reporting.stream.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Regression reports: each model against its stream's reference run and previous run as judged when the run
 * completed, or against an explicitly named run (an ad-hoc comparison, which changes nothing).
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
            String variant = StreamRegistry.BASE_VARIANT;
            if (explicitBaseline != null) {
                DriftAnalysis analysis = recorder.compare(runId, explicitBaseline, model).orElse(null);
                models.add(RegressionReportBuilder.model(model, explicitBaseline, analysis,
                        ItemResult.ofRun(explicitBaseline), items));
                continue;
            }
            DriftAnalysisRecord stored = DriftAnalysisRecord.of(runId, model, variant);
            if (stored == null) {
                models.add(RegressionReportBuilder.pending(model)); // completed runs are analysed within seconds
                continue;
            }
            DriftAnalysis analysis = stored.analysis == null ? null
                    : json.convertValue(stored.analysis, DriftAnalysis.class);
            DriftAnalysis previous = stored.previousAnalysis == null ? null
                    : json.convertValue(stored.previousAnalysis, DriftAnalysis.class);
            List<ItemResult> before = stored.baselineRunId == null ? List.of() : ItemResult.ofRun(stored.baselineRunId);
            ModelRegression section = RegressionReportBuilder.model(model, stored.baselineRunId, analysis, before, items)
                    .withStream(variant, stored.streamAssessment == null ? Map.of() : stored.streamAssessment,
                            stored.previousRunId, previous == null ? List.of() : previous.comparisons());
            RunStream rs = RunStream.of(runId, model, variant);
            if (rs != null && RunStream.INVALID.equals(rs.validity)) {
                section = section.withVerdict("invalid");
            } else if (stored.baselineRunId != null) {
                section = section.withVerdict(stored.regressed ? "regressed" : "no_regression");
            }
            models.add(section);
        }
        return Optional.of(RegressionReportBuilder.report(run, models));
    }
}
