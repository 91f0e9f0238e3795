package io.evalwatch.reporting.verdict;

import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.probe.LongContext;
import io.evalwatch.events.TaskKind;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.DriftAlert;
import io.evalwatch.events.DriftAlert.Signals;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.reporting.alert.AlertService;
import io.evalwatch.reporting.config.ReportingConfig;
import io.evalwatch.reporting.consistency.NoiseFloorRecord;
import io.evalwatch.reporting.drift.Consistency;
import io.evalwatch.reporting.drift.NoiseFloor;
import io.evalwatch.reporting.drift.DriftAnalysis;
import io.evalwatch.reporting.drift.DriftAnalyzer;
import io.evalwatch.reporting.drift.DriftPolicy;
import io.evalwatch.reporting.drift.Finding;
import io.evalwatch.reporting.drift.RunSample;
import io.evalwatch.reporting.drift.stream.StreamAssessment;
import io.evalwatch.reporting.drift.stream.StreamDetector;
import io.evalwatch.reporting.drift.stream.StreamPolicy;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.stream.ComparisonStream;
import io.evalwatch.reporting.stream.ReferenceChange;
import io.evalwatch.reporting.stream.RunStream;
import io.evalwatch.reporting.stream.StreamRegistry;
import io.evalwatch.reporting.validity.RunHealth;
import io.evalwatch.reporting.validity.ValidityPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Judges each model × variant of a completed run within its comparison stream: first its validity, then (for a
 * valid run of a stream) the stream's detector over its checks since the reference, and the per-check comparisons
 * with the reference (latency, cost, format, silent change) and with the previous run (for the report). Alerts are
 * opened and resolved by the stream's own runs only; an ad-hoc or gate run steers nothing.
 */
@ApplicationScoped
@Transactional
public class DriftRecorder {

    private static final Logger LOG = Logger.getLogger(DriftRecorder.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String GATE = "gate";
    private static final String PROBE_REPEAT = PromptVariant.REPEAT.id();

    private final StreamRegistry streams;
    private final AlertService alerts;
    private final ReportingConfig config;
    private final ObjectMapper json;

    public DriftRecorder(StreamRegistry streams, AlertService alerts, ReportingConfig config, ObjectMapper json) {
        this.streams = streams;
        this.alerts = alerts;
        this.config = config;
        this.json = json;
    }

    /** Returns the alerts raised, for delivery to the webhook after commit. Idempotent per (run, model, variant). */
    public List<DriftAlert> analyze(String runId) {
        RunRecord run = RunRecord.findById(runId);
        if (run == null || !run.completed()) {
            return List.of();
        }
        List<ItemResult> items = ItemResult.ofRun(runId);
        List<DriftAlert> raised = new ArrayList<>();
        // the consistency probe's streams first: the run's own noise floor is then in force for its base streams
        List<RunStream> streamsOfRun = new ArrayList<>(RunStream.ofRun(runId));
        streamsOfRun.sort(java.util.Comparator.comparing(rs -> !PROBE_REPEAT.equals(rs.variant)));
        for (RunStream rs : streamsOfRun) {
            if (rs.judgedAt != null) {
                continue; // already judged (a redelivered RunCompleted)
            }
            raised.addAll(judge(run, rs, items));
        }
        return raised;
    }

    private List<DriftAlert> judge(RunRecord run, RunStream rs, List<ItemResult> items) {
        List<ItemResult> mine = items.stream()
                .filter(i -> rs.model.equals(i.model) && rs.variant.equals(variantOf(i))).toList();
        RunHealth health = health(run, rs, mine, items);
        ValidityPolicy validity = validityPolicy();
        rs.health = health.evidence(validity);
        rs.validity = health.valid(validity) ? RunStream.VALID : RunStream.INVALID;
        rs.judgedAt = Instant.now();

        DriftAnalysisRecord record = new DriftAnalysisRecord();
        record.runId = run.runId;
        record.model = rs.model;
        record.variant = rs.variant;
        record.streamId = rs.streamId;
        record.createdAt = rs.judgedAt;
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("streamId", rs.streamId);
        verdict.put("origin", rs.origin);
        verdict.put("validity", rs.validity);
        verdict.put("health", rs.health);
        try {
            return judgeInStream(run, rs, items, record, verdict);
        } finally {
            record.streamAssessment = verdict; // assigned whole: JSON columns are compared by value
            record.persist();
        }
    }

    private List<DriftAlert> judgeInStream(RunRecord run, RunStream rs, List<ItemResult> items,
            DriftAnalysisRecord record, Map<String, Object> verdict) {
        boolean gate = GATE.equals(run.trigger);
        if (PROBE_REPEAT.equals(rs.variant)) {
            measureNoiseFloor(run, rs, items, verdict);
            return List.of(); // a probe steers nothing: no reference, no alert opened or resolved
        }
        if (rs.adHoc()) {
            if (rs.valid()) {
                compareAdHoc(run, rs, record, verdict, items);
            }
            LOG.infof("run %s, %s: ad hoc (%s); it steers no stream", run.runId, rs.model, rs.validity);
            return List.of();
        }
        ComparisonStream stream = streams.find(rs.streamId).orElseThrow();
        List<DriftAlert> raised = new ArrayList<>();
        if (!rs.valid()) {
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) rs.health.get("problems");
            LOG.warnf("run %s, %s is invalid: %s", run.runId, rs.model, problems);
            if (!gate && alerts.standing(stream.streamId, Signals.RUN_INVALID).isEmpty()) {
                raised.add(raise(run, rs, stream.referenceRunId, Signals.RUN_INVALID, "all", "warning",
                        "run " + run.runId + " is not fit to judge " + rs.model + " (a pipeline, endpoint or"
                                + " configuration problem, not a regression): " + String.join("; ", problems),
                        rs.health));
            }
            return raised;
        }
        if (!gate) {
            alerts.resolveInStream(stream.streamId, Signals.RUN_INVALID, run.runId,
                    "run " + run.runId + " of the stream was valid again", rs.health);
        }

        Optional<RunStream> previous = streams.previousValid(stream.streamId, rs);
        previous.ifPresent(p -> compareWithPrevious(run, rs, p, record, verdict, items));

        if (stream.referenceRunId == null || !rs.segment.equals(stream.referenceSegment)) {
            String reason = stream.referenceRunId == null ? ReferenceChange.FIRST_VALID
                    : ReferenceChange.SEGMENT_CHANGED;
            streams.setReference(stream, rs, reason, StreamRegistry.SYSTEM_ACTOR, stream.referenceRunId == null
                    ? "the stream's first valid run" : "the tasks' content or the environment changed");
            verdict.put("referenceRunId", run.runId);
            verdict.put("referenceChanged", reason);
            verdict.put("state", StreamAssessment.State.CALIBRATING.name());
            LOG.infof("run %s is the reference of stream %s (%s, %s): %s", run.runId, stream.streamId, rs.model,
                    stream.origin, reason);
            return raised;
        }

        RunRecord reference = RunRecord.findById(stream.referenceRunId);
        int checkItems = (int) items.stream()
                .filter(i -> !i.errored && rs.model.equals(i.model) && rs.variant.equals(variantOf(i))).count();
        Optional<NoiseFloor> noise = noiseFloor(run, rs);
        DriftPolicy policy = noiseFloored(policy(), noise, checkItems);
        StreamPolicy streamPolicy = noise.isEmpty() ? streamPolicy()
                : streamPolicy().withMinPassRateDrop(policy.minPassRateDrop());
        noise.ifPresent(n -> verdict.put("noiseFloor", n.evidence(noiseFloorMultiple(),
                config.drift().minPassRateDrop(), config.drift().minWeightedAccuracyDrop(), checkItems)));
        DriftAnalysis analysis = analyze(reference, run, rs.model, rs.variant, items, policy);
        record.baselineRunId = reference.runId;
        record.analysis = json.convertValue(analysis, MAP);

        StreamAssessment assessment = assess(stream, rs, streamPolicy);
        verdict.put("referenceRunId", reference.runId);
        verdict.put("state", assessment.state().name());
        verdict.put("summary", assessment.summary());
        verdict.put("detector", assessment.evidence());
        boolean outOfControl = assessment.state() == StreamAssessment.State.ALARM
                || assessment.state() == StreamAssessment.State.OUT_OF_CONTROL;
        record.regressed = gate ? analysis.regressed() : outOfControl;
        if (gate) {
            return raised; // a gate's verdict is its exit code
        }

        switch (assessment.state()) {
            case ALARM -> {
                if (alerts.standing(stream.streamId, Signals.REGRESSION).isEmpty()) {
                    Map<String, Object> evidence = new LinkedHashMap<>(assessment.evidence());
                    evidence.put("check", analysis.summary());
                    raised.add(raise(run, rs, reference.runId, Signals.REGRESSION, "all", "critical",
                            assessment.summary(), evidence));
                }
            }
            case RECOVERED -> alerts.resolveInStream(stream.streamId, Signals.REGRESSION, run.runId,
                    "resolved by run " + run.runId + ": " + assessment.summary(), assessment.evidence());
            default -> {
            }
        }
        Set<String> found = new TreeSet<>();
        for (Finding f : analysis.findings()) {
            if (Signals.REGRESSION.equals(f.signal()) || !found.add(f.signal())) {
                continue; // quality is the detector's to judge; one alert per signal
            }
            if (alerts.standing(stream.streamId, f.signal()).isEmpty()) {
                raised.add(raise(run, rs, reference.runId, f.signal(), f.scope(), f.severity(), f.summary(),
                        f.evidence()));
            }
        }
        for (String signal : List.of(Signals.SILENT_CHANGE, Signals.LATENCY, Signals.COST, Signals.FORMAT,
                Signals.QUALITY_SIGNALS)) {
            if (!found.contains(signal)) {
                alerts.resolveInStream(stream.streamId, signal, run.runId, "resolved by run " + run.runId
                        + ": no " + signal + " against reference " + reference.runId, analysis.summary());
            }
        }
        LOG.infof("run %s, %s in stream %s: %s; signals %s", run.runId, rs.model, stream.streamId,
                assessment.state(), found);
        return raised;
    }

    /**
     * The consistency probe of one model: its repeats' statistics, stored as the model's noise floor on this suite
     * and generation configuration when the probe's items are valid. Nothing else: no reference, no alert.
     */
    private void measureNoiseFloor(RunRecord run, RunStream rs, List<ItemResult> items, Map<String, Object> verdict) {
        verdict.put("probe", PROBE_REPEAT);
        if (!rs.valid()) {
            LOG.warnf("run %s, %s: the consistency probe's items are %s; no noise floor taken", run.runId, rs.model,
                    rs.validity);
            return;
        }
        Consistency.Result result = Consistency.of(repeatsOf(items, rs.model));
        if (result.tasks() == 0) {
            return;
        }
        NoiseFloorRecord floor = NoiseFloorRecord.find("runId = ?1 and model = ?2", run.runId, rs.model)
                .<NoiseFloorRecord>firstResultOptional().orElseGet(NoiseFloorRecord::new);
        floor.runId = run.runId;
        floor.model = rs.model;
        floor.suite = run.suite;
        floor.generationConfigHash = rs.generationConfigHash;
        floor.passVariance = result.passVariance();
        floor.scoreVariance = result.scoreVariance();
        floor.tasks = result.tasks();
        floor.repeats = result.repeats();
        floor.items = result.items();
        floor.measuredAt = Instant.now();
        floor.persist();
        verdict.put("noiseFloor", Map.of("passVariance", result.passVariance(), "scoreVariance",
                result.scoreVariance(), "tasks", result.tasks(), "repeats", result.repeats()));
        LOG.infof("run %s, %s: noise floor on %s measured over %d tasks x %d repeats: weighted-score variance %.4f,"
                + " pass variance %.4f", run.runId, rs.model, run.suite, result.tasks(), result.repeats(),
                result.scoreVariance(), result.passVariance());
    }

    /** A model's scored repeats of the consistency probe in a run. */
    public static List<Consistency.Repeat> repeatsOf(List<ItemResult> items, String model) {
        return items.stream().filter(i -> !i.errored && model.equals(i.model) && PROBE_REPEAT.equals(i.variant))
                .map(i -> new Consistency.Repeat(i.taskId, i.sample, i.passed, i.weightedAccuracy, i.output))
                .toList();
    }

    /** The noise floor a base stream's check must beat: the latest probe of its model, suite and configuration. */
    private Optional<NoiseFloor> noiseFloor(RunRecord run, RunStream rs) {
        if (!StreamRegistry.BASE_VARIANT.equals(rs.variant) || noiseFloorMultiple() <= 0) {
            return Optional.empty();
        }
        return NoiseFloorRecord.latest(rs.model, run.suite, rs.generationConfigHash).map(NoiseFloorRecord::floor);
    }

    /** The policy with the minimum drops the noise floor raises for a check of this many items (see NoiseFloor). */
    DriftPolicy noiseFloored(DriftPolicy p, Optional<NoiseFloor> noise, int items) {
        if (noise.isEmpty()) {
            return p;
        }
        NoiseFloor n = noise.get();
        double k = noiseFloorMultiple();
        return new DriftPolicy(p.alpha(), n.minPassRateDrop(p.minPassRateDrop(), k, items),
                n.minWeightedAccuracyDrop(p.minWeightedAccuracyDrop(), k, items), p.strictCategories(),
                p.strictAlpha(), p.strictMinDrop(), p.latencyP95Ratio(), p.costChangeRatio(), p.formatRateChange(),
                p.bootstrapIterations(), p.seed(), p.outputLengthChange(), p.ttftMedianShiftSeconds());
    }

    private double noiseFloorMultiple() {
        return config.drift().noiseFloorMultiple();
    }

    /** The stream's detector over its valid checks since the reference, this run last. */
    private StreamAssessment assess(ComparisonStream stream, RunStream upTo, StreamPolicy policy) {
        List<RunSample> checks = new ArrayList<>();
        for (RunStream check : streams.checksSinceReference(stream, upTo)) {
            RunRecord r = RunRecord.findById(check.runId);
            checks.add(RunSamples.of(r.runId, check.model, check.variant, r.suiteVersion, ItemResult.ofRun(r.runId),
                    task -> true));
        }
        return StreamDetector.assess(checks, policy);
    }

    /** For the report: this run against the stream's previous valid run, on the tasks whose content is unchanged. */
    private void compareWithPrevious(RunRecord run, RunStream rs, RunStream previous, DriftAnalysisRecord record,
            Map<String, Object> verdict, List<ItemResult> items) {
        RunRecord prev = RunRecord.findById(previous.runId);
        DriftAnalysis analysis = analyze(prev, run, rs.model, rs.variant, items);
        record.previousRunId = prev.runId;
        record.previousAnalysis = json.convertValue(analysis, MAP);
        verdict.put("taskChanges", TaskChanges.between(prev.taskHashes, run.taskHashes));
        verdict.put("previous", Map.of("runId", prev.runId, "pairs", analysis.summary().get("pairs"),
                "unmatched", analysis.summary().get("unmatched")));
    }

    /** An ad-hoc run is compared with the reference of a stream that measured the same thing; nothing is raised. */
    private void compareAdHoc(RunRecord run, RunStream rs, DriftAnalysisRecord record, Map<String, Object> verdict,
            List<ItemResult> items) {
        streams.matchingStream(run.suite, rs).ifPresent(stream -> {
            RunRecord reference = RunRecord.findById(stream.referenceRunId);
            DriftAnalysis analysis = analyze(reference, run, rs.model, rs.variant, items);
            record.baselineRunId = reference.runId;
            record.regressed = analysis.regressed();
            record.analysis = json.convertValue(analysis, MAP);
            verdict.put("comparedWithStream", stream.streamId);
        });
    }

    private DriftAlert raise(RunRecord run, RunStream rs, String referenceRunId, String signal, String scope,
            String severity, String summary, Map<String, Object> evidence) {
        return alerts.raise(new DriftAlert(DriftAlert.SCHEMA_VERSION, UUID.randomUUID().toString(), run.runId,
                referenceRunId, rs.model, run.suite, run.suiteVersion, signal, scope, severity, summary, evidence,
                Instant.now(), rs.streamId));
    }

    /** A person accepts a run of the stream as its new reference; the stream's regression alert is resolved. */
    public ReferenceChange accept(String streamId, String runId, String actor, String note) {
        ComparisonStream stream = streams.find(streamId).orElseThrow(() -> new IllegalArgumentException(
                "no stream " + streamId + "; list them with GET /api/streams"));
        if (note == null || note.isBlank() || actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("accepting a reference takes who accepts it and why:"
                    + " {\"runId\": ..., \"by\": ..., \"note\": ...}");
        }
        RunStream rs = RunStream.of(runId, stream.model, stream.variant);
        if (rs == null || !streamId.equals(rs.streamId)) {
            throw new IllegalArgumentException("run " + runId + " is not a run of stream " + streamId + " ("
                    + stream.origin + ", " + stream.model + " on " + stream.suite + ")");
        }
        if (!rs.valid()) {
            throw new IllegalArgumentException("run " + runId + " is " + rs.validity + " and cannot be a reference"
                    + (rs.health == null ? "" : ": " + rs.health.get("problems")));
        }
        ReferenceChange change = streams.setReference(stream, rs, ReferenceChange.ACCEPTED, actor, note);
        alerts.resolveInStream(streamId, Signals.REGRESSION, runId, actor + " accepted run " + runId
                + " as the stream's reference: " + note, Map.of("referenceChange", change.id));
        return change;
    }

    /** Compares a run with an explicitly chosen run, storing nothing (ad-hoc comparisons on request). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DriftAnalysis> compare(String runId, String baselineRunId, String model) {
        RunRecord run = RunRecord.findById(runId);
        RunRecord base = RunRecord.findById(baselineRunId);
        if (run == null || base == null) {
            return Optional.empty();
        }
        return Optional.of(analyze(base, run, model, StreamRegistry.BASE_VARIANT, ItemResult.ofRun(runId)));
    }

    /** One model × variant of a run against an earlier run, paired on the tasks whose content is unchanged. */
    private DriftAnalysis analyze(RunRecord base, RunRecord run, String model, String variant,
            List<ItemResult> runItems) {
        return analyze(base, run, model, variant, runItems, policy());
    }

    private DriftAnalysis analyze(RunRecord base, RunRecord run, String model, String variant,
            List<ItemResult> runItems, DriftPolicy policy) {
        Predicate<String> unchanged = unchangedTasks(base, run);
        return DriftAnalyzer.analyze(
                RunSamples.of(base.runId, model, variant, base.suiteVersion, ItemResult.ofRun(base.runId), unchanged),
                RunSamples.of(run.runId, model, variant, run.suiteVersion, runItems, unchanged), policy);
    }

    /** Tasks pair across runs only when their content is the same (runs without hashes pair by id). */
    static Predicate<String> unchangedTasks(RunRecord a, RunRecord b) {
        if (a.taskHashes == null || b.taskHashes == null) {
            return task -> true;
        }
        return task -> a.taskHashes.containsKey(task) && Objects.equals(a.taskHashes.get(task),
                b.taskHashes.get(task));
    }

    /** runItems: every item of the run, whose kinds tell which tasks a non-base variant was not dispatched for. */
    private static RunHealth health(RunRecord run, RunStream rs, List<ItemResult> mine, List<ItemResult> runItems) {
        int expected;
        if (LongContext.isProbeVariant(rs.variant)) {
            // a long-context cell's stream expects its needles, which the run's task hashes do not list
            expected = (int) runItems.stream().filter(i -> rs.variant.equals(i.variant)).map(i -> i.taskId)
                    .distinct().count() * Math.max(1, rs.samples);
        } else if (run.taskHashes != null && !run.taskHashes.isEmpty()) {
            PromptVariant variant = PromptVariant.of(rs.variant).orElse(PromptVariant.BASE);
            java.util.Set<String> inVariant = runItems.stream()
                    .filter(i -> java.util.Objects.equals(rs.variant, i.variantOrBase()))
                    .map(i -> i.taskId).collect(java.util.stream.Collectors.toSet());
            // a variant that depends on the task (twin) was dispatched for the tasks any of its items came from
            long notDispatched = runItems.stream().filter(i -> i.kind != null && i.taskId != null
                            && run.taskHashes.containsKey(i.taskId)
                            && (!variant.appliesTo(TaskKind.valueOf(i.kind.toUpperCase(Locale.ROOT)))
                            || variant.dependsOnTask() && !inVariant.contains(i.taskId)))
                    .map(i -> i.taskId).distinct().count();
            expected = (int) (run.taskHashes.size() - notDispatched) * Math.max(1, rs.samples);
        } else {
            int models = run.models == null || run.models.isEmpty() ? 1 : run.models.size();
            expected = run.expectedItems == null ? mine.size() : run.expectedItems / models;
        }
        int provider = (int) mine.stream()
                .filter(i -> FailureCategory.PROVIDER_ERROR.label().equals(i.failureCategory)).count();
        int pipeline = (int) mine.stream().filter(i -> i.errored).count();
        // refusals count with answers without code: beyond the limit both say more often that the setup is broken
        // (prompts the endpoint does not know) than that the model changed
        int noCode = (int) mine.stream().filter(i -> FailureCategory.FORMAT_FAILURE.label().equals(i.failureCategory)
                || FailureCategory.REFUSAL.label().equals(i.failureCategory)).count();
        return new RunHealth(expected, mine.size(), provider, pipeline, noCode);
    }

    private static String variantOf(ItemResult item) {
        return item.variant == null ? StreamRegistry.BASE_VARIANT : item.variant;
    }

    ValidityPolicy validityPolicy() {
        ReportingConfig.Validity v = config.validity();
        return new ValidityPolicy(v.maxProviderErrorRate(), v.maxPipelineErrorRate(), v.maxNoCodeRate(),
                v.maxMissingRate());
    }

    StreamPolicy streamPolicy() {
        StreamPolicy d = StreamPolicy.defaults();
        ReportingConfig.Stream s = config.drift().stream();
        return d.withLimits(s.calibrationRuns().orElse(d.calibrationRuns()),
                s.cusumAllowance().orElse(d.cusumAllowance()), s.cusumLimit().orElse(d.cusumLimit()),
                s.shewhartLimit().orElse(d.shewhartLimit()));
    }

    DriftPolicy policy() {
        ReportingConfig.Drift d = config.drift();
        return new DriftPolicy(d.alpha(), d.minPassRateDrop(), d.minWeightedAccuracyDrop(), d.strictCategories(),
                d.strictAlpha(), d.strictMinDrop(), d.latencyP95Ratio(), d.costChangeRatio(), d.formatRateChange(),
                d.bootstrapIterations(), d.seed(), DriftPolicy.DEFAULT_OUTPUT_LENGTH_CHANGE, d.ttftMedianShiftSeconds());
    }
}
