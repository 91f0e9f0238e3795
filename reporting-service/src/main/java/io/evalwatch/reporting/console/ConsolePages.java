package io.evalwatch.reporting.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.reporting.alert.AlertRecord;
import io.evalwatch.reporting.alert.AlertService;
import io.evalwatch.reporting.console.chart.TimeChart;
import io.evalwatch.reporting.drift.Comparison;
import io.evalwatch.reporting.drift.DriftAnalysis;
import io.evalwatch.reporting.drift.RunComparison;
import io.evalwatch.reporting.frontier.FrontierService;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.ComparisonService;
import io.evalwatch.reporting.report.RegressionReport;
import io.evalwatch.reporting.report.RegressionService;
import io.evalwatch.reporting.report.ReportFigures;
import io.evalwatch.reporting.report.ReportService;
import io.evalwatch.reporting.report.ReportService.HistoryPoint;
import io.evalwatch.reporting.report.RunReport;
import io.evalwatch.reporting.stream.ComparisonStream;
import io.evalwatch.reporting.stream.ReferenceChange;
import io.evalwatch.reporting.stream.RunStream;
import io.evalwatch.reporting.stream.StreamRegistry;
import io.evalwatch.reporting.verdict.DriftAnalysisRecord;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The console's pages, read-only: every figure comes from the services behind the JSON API (ReportService,
 * RegressionService, FrontierService, the stream registry, AlertService), rendered by the Qute templates in
 * templates/console/. The AuthFilter's read rule applies as to any GET.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Console", description = "The web console's HTML pages")
public class ConsolePages {

    private final ReportService reports;
    private final RegressionService regressions;
    private final FrontierService frontier;
    private final StreamRegistry streams;
    private final AlertService alerts;
    private final ComparisonService comparisons;
    private final ObjectMapper json;

    @Location("console/runs.html")
    Template runsPage;
    @Location("console/report.html")
    Template reportPage;
    @Location("console/regression.html")
    Template regressionPage;
    @Location("console/compare.html")
    Template comparePage;
    @Location("console/streams.html")
    Template streamsPage;
    @Location("console/stream.html")
    Template streamPage;
    @Location("console/frontier.html")
    Template frontierPage;
    @Location("console/alerts.html")
    Template alertsPage;

    public ConsolePages(ReportService reports, RegressionService regressions, FrontierService frontier,
            StreamRegistry streams, AlertService alerts, ComparisonService comparisons, ObjectMapper json) {
        this.reports = reports;
        this.regressions = regressions;
        this.frontier = frontier;
        this.streams = streams;
        this.alerts = alerts;
        this.comparisons = comparisons;
        this.json = json;
    }

    @GET
    @Operation(summary = "The console's start: the runs page")
    public Response start() {
        return Response.seeOther(URI.create("/console/runs")).build();
    }

    /** A run in the runs table, with the streams and validity of its models. */
    public record RunRow(String runId, String suite, String suiteVersion, String status, String trigger,
            List<String> models, List<String> streams, String validity, Instant startedAt, Instant completedAt) {
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Runs, newest first, filtered by suite, model, stream, trigger and validity")
    public String runs(@QueryParam("suite") String suite, @QueryParam("model") String model,
            @QueryParam("stream") String stream, @QueryParam("trigger") String trigger,
            @QueryParam("validity") String validity) {
        List<RunRow> rows = new ArrayList<>();
        for (RunRecord r : reports.latestRuns(500)) {
            List<RunStream> ofRun = RunStream.ofRun(r.runId);
            List<String> streamIds = ofRun.stream().map(s -> s.streamId).filter(Objects::nonNull).distinct().toList();
            String validities = ofRun.stream().map(s -> s.validity).distinct().sorted().collect(Collectors.joining(", "));
            List<String> models = r.models == null ? List.of() : r.models;
            if (given(suite) && !suite.equals(r.suite) || given(model) && !models.contains(model)
                    || given(stream) && !streamIds.contains(stream) || given(trigger) && !trigger.equals(r.trigger)
                    || given(validity) && ofRun.stream().noneMatch(s -> validity.equals(s.validity))) {
                continue;
            }
            rows.add(new RunRow(r.runId, r.suite, r.suiteVersion, r.status, r.trigger, models, streamIds,
                    validities.isEmpty() ? "ad hoc" : validities, r.startedAt, r.completedAt));
        }
        return render(runsPage.data("runs", rows).data("suite", blank(suite)).data("model", blank(model))
                .data("stream", blank(stream)).data("trigger", blank(trigger)).data("validity", blank(validity))
                .data("validities", List.of(RunStream.VALID, RunStream.INVALID, RunStream.PENDING)), "runs");
    }

    @GET
    @Path("/runs/{runId}")
    @Operation(summary = "A run's report: per model, kind, failure category and tag, with its distributions")
    public String report(@RestPath String runId) {
        RunReport report = reports.report(runId).orElseThrow(() -> new NotFoundException(
                "reporting has not seen run " + runId + " (yet)"));
        List<RunStream> ofRun = RunStream.ofRun(runId);
        return render(reportPage.data("report", report).data("streams", ofRun)
                .data("scoreChart", ReportCharts.scoreDistribution(report))
                .data("latencyChart", ReportCharts.latency(report))
                .data("longContextFigures", ReportFigures.longContext(report)), "runs");
    }

    @GET
    @Path("/runs/{runId}/regression")
    @Operation(summary = "A run's regression report: each model against its stream's reference")
    public String regression(@RestPath String runId) {
        RegressionReport report = regressions.report(runId, null)
                .orElseThrow(() -> new NotFoundException("no run " + runId));
        return render(regressionPage.data("report", report), "runs");
    }

    @GET
    @Path("/compare")
    @Operation(summary = "Two runs compared: per model and kind the pass-rate difference with its interval and"
            + " McNemar's test, and the items that flipped")
    public String compare(@QueryParam("a") String a, @QueryParam("b") String b) {
        TemplateInstance page = comparePage.data("a", blank(a)).data("b", blank(b));
        if (!given(a) || !given(b)) {
            return render(page.data("comparison", null), "runs");
        }
        RunComparison.Result comparison = comparisons.compare(a, b).orElseThrow(() -> new NotFoundException(
                "no run " + (RunRecord.findById(a) == null ? a : b)));
        return render(page.data("comparison", comparison), "runs");
    }

    @GET
    @Path("/streams")
    @Operation(summary = "Every comparison stream with its reference run")
    public String streams(@QueryParam("suite") String suite, @QueryParam("model") String model) {
        List<ComparisonStream> all = streams.all().stream()
                .filter(s -> !given(suite) || suite.equals(s.suite)).filter(s -> !given(model) || model.equals(s.model))
                .sorted(Comparator.comparing((ComparisonStream s) -> s.streamId)).toList();
        return render(streamsPage.data("streams", all), "streams");
    }

    /** One run of a stream on its page. */
    public record StreamRun(String runId, Instant at, String validity, boolean reference, Double passRate,
            Double low, Double high, String verdict, List<String> fingerprints) {
    }

    @GET
    @Path("/streams/{streamId}")
    @Operation(summary = "A stream's history: pass rate over time with reference and model-version changes")
    public String stream(@RestPath String streamId) {
        ComparisonStream s = streams.find(streamId).orElseThrow(() -> new NotFoundException("no stream " + streamId));
        Map<String, HistoryPoint> history = reports.history(s.model, s.suite, 500).stream()
                .collect(Collectors.toMap(HistoryPoint::runId, h -> h, (x, y) -> x));
        List<StreamRun> runs = new ArrayList<>();
        for (RunStream r : RunStream.history(streamId)) {
            if (!r.model.equals(s.model) || !r.variant.equals(s.variant)) {
                continue;
            }
            HistoryPoint h = history.get(r.runId);
            Comparison passRate = passRateAgainstReference(r.runId, s.model, s.variant);
            Instant at = r.judgedAt != null ? r.judgedAt : h != null ? h.completedAt() : null;
            Double rate = passRate != null ? passRate.candidate() : h == null ? null : h.passAt1();
            Double low = passRate == null || passRate.ciLow() == null ? null : passRate.baseline() + passRate.ciLow();
            Double high = passRate == null || passRate.ciHigh() == null ? null
                    : passRate.baseline() + passRate.ciHigh();
            runs.add(new StreamRun(r.runId, at, r.validity, r.runId.equals(s.referenceRunId), rate, low, high,
                    passRate == null ? null : passRate.verdict(), h == null ? List.of() : h.systemFingerprints()));
        }
        runs.sort(Comparator.comparing(StreamRun::at, Comparator.nullsLast(Comparator.naturalOrder())));
        List<ReferenceChange> changes = ReferenceChange.ofStream(streamId);
        List<TimeChart.Point> points = runs.stream().filter(r -> r.at() != null && r.passRate() != null)
                .map(r -> new TimeChart.Point(r.at(), r.passRate(), r.low(), r.high(),
                        ConsoleFormats.shortId(r.runId()) + ": " + ConsoleFormats.pct(r.passRate())))
                .toList();
        List<TimeChart.Event> events = new ArrayList<>();
        for (ReferenceChange c : changes) {
            if (c.changedAt != null) {
                events.add(new TimeChart.Event(c.changedAt, "reference", "new reference run"));
            }
        }
        List<String> previous = null;
        for (StreamRun r : runs) {
            if (r.at() != null && previous != null && !r.fingerprints().isEmpty()
                    && !new TreeSet<>(r.fingerprints()).equals(new TreeSet<>(previous))) {
                events.add(new TimeChart.Event(r.at(), "version", "model version changed (fingerprint)"));
            }
            if (!r.fingerprints().isEmpty()) {
                previous = r.fingerprints();
            }
        }
        return render(streamPage.data("stream", s).data("runs", runs).data("changes", changes)
                .data("standing", AlertRecord.activeInStream(streamId))
                .data("chart", ReportCharts.streamHistory(streamId, points, events)), "streams");
    }

    /** The pass-rate comparison stored when the run was judged against its stream's reference; null without one. */
    private Comparison passRateAgainstReference(String runId, String model, String variant) {
        DriftAnalysisRecord stored = DriftAnalysisRecord.of(runId, model, variant);
        if (stored == null || stored.analysis == null) {
            return null;
        }
        DriftAnalysis analysis = json.convertValue(stored.analysis, DriftAnalysis.class);
        return analysis.comparisons().stream().filter(c -> "all".equals(c.scope()) && "passRate".equals(c.metric()))
                .findFirst().orElse(null);
    }

    @GET
    @Path("/frontier")
    @Operation(summary = "The cost-quality frontier of a suite")
    public String frontier(@QueryParam("suite") String suite) {
        List<String> suites = reports.latestRuns(500).stream().map(r -> r.suite).filter(Objects::nonNull).distinct()
                .sorted().toList();
        String chosen = given(suite) ? suite : suites.isEmpty() ? "" : suites.get(0);
        var placed = chosen.isEmpty() ? List.<io.evalwatch.reporting.frontier.Frontier.Placed>of()
                : frontier.frontier(chosen);
        return render(frontierPage.data("suite", chosen).data("suites", suites).data("placed", placed)
                .data("chart", ReportCharts.frontier(chosen, placed)), "frontier");
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "Alerts with acknowledge and resolve forms")
    public String alerts(@QueryParam("status") String status, @QueryParam("done") String done,
            @QueryParam("problem") String problem) {
        List<AlertRecord> list = alerts.list(given(status) ? status : null, null, null, null, null).stream()
                .sorted(Comparator.comparing((AlertRecord a) -> AlertRecord.RESOLVED.equals(a.status))
                        .thenComparing(a -> a.createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        return render(alertsPage.data("alerts", list).data("status", blank(status)).data("done", blank(done))
                .data("problem", blank(problem))
                .data("statuses", List.of(AlertRecord.OPEN, AlertRecord.ACKNOWLEDGED, AlertRecord.RESOLVED)), "alerts");
    }

    static String render(TemplateInstance page, String section) {
        return page.data("section", section).render();
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    private static String blank(String value) {
        return value == null ? "" : value.strip();
    }
}
