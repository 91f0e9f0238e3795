package io.evalwatch.reporting.baseline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.DriftAlert;
import io.evalwatch.reporting.alert.AlertService;
import io.evalwatch.reporting.config.ReportingConfig;
import io.evalwatch.reporting.drift.DriftAnalysis;
import io.evalwatch.reporting.drift.DriftAnalyzer;
import io.evalwatch.reporting.drift.DriftPolicy;
import io.evalwatch.reporting.drift.Finding;
import io.evalwatch.reporting.drift.RunSample;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Compares each model of a completed run with its baseline, stores the analysis, raises the alerts it finds,
 * resolves the ones it no longer finds, and moves the baseline forward when the run did not regress.
 * Gate runs are compared but raise no alerts and never become a baseline.
 */
@ApplicationScoped
@Transactional
public class DriftRecorder {

    private static final Logger LOG = Logger.getLogger(DriftRecorder.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final BaselineRegistry baselines;
    private final AlertService alerts;
    private final ReportingConfig config;
    private final ObjectMapper json;

    public DriftRecorder(BaselineRegistry baselines, AlertService alerts, ReportingConfig config, ObjectMapper json) {
        this.baselines = baselines;
        this.alerts = alerts;
        this.config = config;
        this.json = json;
    }

    /** Returns the alerts raised, for delivery to the webhook after commit. Idempotent per (run, model). */
    public List<DriftAlert> analyze(String runId) {
        RunRecord run = RunRecord.findById(runId);
        if (run == null || !run.completed()) {
            return List.of();
        }
        boolean gate = "gate".equals(run.trigger);
        List<ItemResult> items = ItemResult.ofRun(runId);
        Set<String> models = items.stream().map(i -> i.model).filter(m -> m != null)
                .collect(Collectors.toCollection(TreeSet::new));
        List<DriftAlert> raised = new ArrayList<>();
        for (String model : models) {
            if (DriftAnalysisRecord.of(runId, model) != null) {
                continue; // already analysed (a redelivered RunCompleted)
            }
            Optional<Baseline> baseline = baselines.find(model, run).filter(b -> !b.runId.equals(runId));
            DriftAnalysisRecord record = new DriftAnalysisRecord();
            record.runId = runId;
            record.model = model;
            record.createdAt = Instant.now();
            if (baseline.isEmpty()) {
                record.regressed = false;
                record.persist();
                if (!gate) {
                    baselines.accept(model, run);
                    LOG.infof("run %s is the first baseline of %s on %s (%s)", runId, model, run.suite, run.suiteVersion);
                }
                continue;
            }
            RunSample before = RunSamples.of(baseline.get().runId, model, run.suiteVersion,
                    ItemResult.ofRun(baseline.get().runId));
            RunSample after = RunSamples.of(runId, model, run.suiteVersion, items);
            DriftAnalysis analysis = DriftAnalyzer.analyze(before, after, policy());
            record.baselineRunId = baseline.get().runId;
            record.regressed = analysis.regressed();
            record.analysis = json.convertValue(analysis, MAP);
            record.persist();
            if (gate) {
                continue;
            }
            Set<String> signals = new TreeSet<>();
            for (Finding f : analysis.findings()) {
                signals.add(f.signal());
                raised.add(alerts.raise(new DriftAlert(DriftAlert.SCHEMA_VERSION, UUID.randomUUID().toString(), runId,
                        baseline.get().runId, model, run.suite, run.suiteVersion, f.signal(), f.scope(), f.severity(),
                        f.summary(), f.evidence(), Instant.now(), null)));
            }
            alerts.resolveCleared(model, run.suite, signals, runId);
            if (!analysis.regressed()) {
                baselines.accept(model, run);
            }
            LOG.infof("run %s, %s vs baseline %s: %s", runId, model, baseline.get().runId,
                    signals.isEmpty() ? "no drift" : signals);
        }
        return raised;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean isCompleted(String runId) {
        RunRecord run = RunRecord.findById(runId);
        return run != null && run.completed();
    }

    /** Compares a run with an explicitly chosen baseline run, storing nothing (for the CI gate and ad-hoc checks). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DriftAnalysis> compare(String runId, String baselineRunId, String model) {
        RunRecord run = RunRecord.findById(runId);
        if (run == null || RunRecord.findById(baselineRunId) == null) {
            return Optional.empty();
        }
        return Optional.of(DriftAnalyzer.analyze(
                RunSamples.of(baselineRunId, model, run.suiteVersion, ItemResult.ofRun(baselineRunId)),
                RunSamples.of(runId, model, run.suiteVersion, ItemResult.ofRun(runId)), policy()));
    }

    DriftPolicy policy() {
        ReportingConfig.Drift d = config.drift();
        return new DriftPolicy(d.alpha(), d.minPassRateDrop(), d.minWeightedAccuracyDrop(), d.strictCategories(),
                d.strictAlpha(), d.strictMinDrop(), d.latencyP95Ratio(), d.costChangeRatio(), d.formatRateChange(),
                d.bootstrapIterations(), d.seed());
    }
}
