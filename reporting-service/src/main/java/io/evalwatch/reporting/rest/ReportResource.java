package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.frontier.FrontierService;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.ReportDocuments;
import io.evalwatch.reporting.report.ReportFormat;
import io.evalwatch.reporting.report.ReportService;
import io.evalwatch.reporting.report.ReportService.HistoryPoint;
import io.evalwatch.reporting.report.ReportService.ItemView;
import io.evalwatch.reporting.report.RunReport;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Run results: reports while a run is in progress and after, the items behind them, and a model's history. */
@Path("/api")
@Tag(name = "Reports", description = "Run reports, the items behind them and a model's history")
public class ReportResource {

    private final ReportService reports;
    private final ReportDocuments documents;
    private final FrontierService frontier;

    public ReportResource(ReportService reports, ReportDocuments documents, FrontierService frontier) {
        this.reports = reports;
        this.documents = documents;
        this.frontier = frontier;
    }

    @GET
    @Path("/runs")
    @Operation(summary = "The latest runs reporting has seen, newest first (limit 1..500)")
    public List<RunSummary> runs(@QueryParam("limit") @DefaultValue("20") int limit) {
        return reports.latestRuns(Math.max(1, Math.min(limit, 500))).stream().map(RunSummary::of).toList();
    }

    @GET
    @Path("/runs/{runId}/report")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, ReportFormat.MARKDOWN})
    @Operation(summary = "A run's report, while it is in progress and after: per model, kind, category and tag, with"
            + " the frontier as of the run. JSON, or a document: ?format=html|markdown or Accept: text/html,"
            + " text/markdown")
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunReport.class)),
        @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = ReportFormat.MARKDOWN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "An unknown format, or charts with characters a link cannot hold")
    @APIResponse(responseCode = "404", description = "Reporting has not seen the run (yet)")
    public Response report(@RestPath String runId,
            @Parameter(description = "json, html or markdown (md); wins over Accept") @QueryParam("format") String format,
            @Parameter(description = "Markdown only: what each chart's image link starts with, e.g. report- for"
                    + " report-latency.svg beside the document (the CLI's --out writes them); without it the charts"
                    + " are tables alone") @QueryParam("charts") String charts,
            @Context HttpHeaders headers) {
        ReportFormat chosen = Documents.format(format, headers);
        RunReport report = reports.report(runId).orElseThrow(() -> new NotFoundException(
                "reporting has not seen run " + runId + " (yet): check the id, or wait for its first item"));
        if (chosen == ReportFormat.json) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        Instant asOf = Documents.asOf(report.completedAt());
        return Response.ok(documents.run(report, frontier.frontier(report.suite(), asOf), asOf, chosen,
                Documents.chartFiles(charts)), chosen.mediaType() + ";charset=UTF-8").build();
    }

    @GET
    @Path("/runs/{runId}/report/charts/{name}.svg")
    @Produces("image/svg+xml")
    @Operation(summary = "One chart of a run's report as an SVG file: score-distribution, latency or frontier")
    @APIResponse(responseCode = "200", description = "The chart")
    @APIResponse(responseCode = "404", description = "No such run, or the report has no such chart")
    public String reportChart(@RestPath String runId, @RestPath String name) {
        RunReport report = reports.report(runId).orElseThrow(() -> new NotFoundException("reporting has not seen run "
                + runId));
        return documents.runFigure(report, frontier.frontier(report.suite(), Documents.asOf(report.completedAt())),
                name).orElseThrow(() -> new NotFoundException("the report of run " + runId + " has no chart " + name
                + "; its charts: score-distribution, latency, frontier (when the suite has frontier points)"));
    }

    @GET
    @Path("/runs/{runId}/items")
    @Operation(summary = "Every scored item of a run")
    @APIResponse(responseCode = "200", description = "The items")
    @APIResponse(responseCode = "404", description = "Reporting has not seen the run")
    public List<ItemView> items(@RestPath String runId) {
        return reports.items(runId).orElseThrow(() -> new NotFoundException("reporting has not seen run " + runId));
    }

    @GET
    @Path("/runs/{runId}/missing")
    @Operation(summary = "The expected items a run never saw: listed once it ended incomplete (stalled past its"
            + " deadline), at most " + RunRecord.MISSING_LISTED + " ids with the whole count")
    @APIResponse(responseCode = "200", description = "The run's status and its missing items (none unless incomplete)")
    @APIResponse(responseCode = "404", description = "Reporting has not seen the run")
    public MissingItems missing(@RestPath String runId) {
        RunRecord run = reports.run(runId).orElseThrow(() -> new NotFoundException("reporting has not seen run "
                + runId));
        return new MissingItems(run.runId, run.status, run.missingCount == null ? 0 : run.missingCount,
                run.missingItems == null ? List.of() : run.missingItems);
    }

    /** What an incomplete run never saw. */
    public record MissingItems(String runId, String status, int missingCount, List<String> missingItems) {
    }

    @GET
    @Path("/models/{model}/history")
    @Operation(summary = "A model's results run after run, optionally for one suite (limit 1..500)")
    public List<HistoryPoint> history(@RestPath String model, @QueryParam("suite") String suite,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return reports.history(model, suite, Math.max(1, Math.min(limit, 500)));
    }

    /** A run in a list. */
    public record RunSummary(String runId, String suite, String suiteVersion, String status, String trigger,
            Integer expectedItems, Instant startedAt, Instant completedAt, Integer missingItems) {
        static RunSummary of(RunRecord r) {
            return new RunSummary(r.runId, r.suite, r.suiteVersion, r.status, r.trigger, r.expectedItems,
                    r.startedAt, r.completedAt, r.missingCount);
        }
    }
}
