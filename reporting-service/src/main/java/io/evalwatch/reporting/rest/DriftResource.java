package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.frontier.Frontier;
import io.evalwatch.reporting.frontier.FrontierService;
import io.evalwatch.reporting.report.RegressionReport;
import io.evalwatch.reporting.report.ReportDocuments;
import io.evalwatch.reporting.report.ReportFormat;
import io.evalwatch.reporting.report.RegressionService;
import io.evalwatch.reporting.report.ReportService;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Regression reports (JSON, Markdown, HTML) and the cost-quality frontier. */
@Path("/api")
@Tag(name = "Regressions", description = "Regression reports (JSON, Markdown, HTML) and the cost-quality frontier")
public class DriftResource {

    private final RegressionService regressions;
    private final FrontierService frontier;
    private final ReportService reports;
    private final ReportDocuments documents;

    public DriftResource(RegressionService regressions, FrontierService frontier, ReportService reports,
            ReportDocuments documents) {
        this.regressions = regressions;
        this.frontier = frontier;
        this.reports = reports;
        this.documents = documents;
    }

    @GET
    @Path("/runs/{runId}/regression")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, ReportFormat.MARKDOWN})
    @Operation(summary = "A run compared with its stream's reference, or with the baseline run given. JSON, or a"
            + " document with the frontier as of the run: ?format=html|markdown or Accept: text/html, text/markdown")
    @APIResponse(responseCode = "200", description = "The regression report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegressionReport.class)),
        @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = ReportFormat.MARKDOWN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "An unknown format, or charts with characters a link cannot hold")
    @APIResponse(responseCode = "404", description = "No such run")
    public Response regression(@RestPath String runId, @QueryParam("baseline") String baseline,
            @Parameter(description = "json, html or markdown (md); wins over Accept") @QueryParam("format") String format,
            @Parameter(description = "Markdown only: what each chart's image link starts with (see the run report)")
            @QueryParam("charts") String charts, @Context HttpHeaders headers) {
        ReportFormat chosen = Documents.format(format, headers);
        RegressionReport report = load(runId, baseline);
        if (chosen == ReportFormat.json) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        return Response.ok(document(report, chosen, charts), chosen.mediaType() + ";charset=UTF-8").build();
    }

    @GET
    @Path("/runs/{runId}/regression.md")
    @Operation(summary = "The regression report in Markdown (as ?format=markdown)")
    @APIResponse(responseCode = "200", description = "The regression report")
    @APIResponse(responseCode = "404", description = "No such run")
    @Produces(ReportFormat.MARKDOWN)
    public String regressionMarkdown(@RestPath String runId, @QueryParam("baseline") String baseline,
            @QueryParam("charts") String charts) {
        return document(load(runId, baseline), ReportFormat.markdown, charts);
    }

    @GET
    @Path("/runs/{runId}/regression.html")
    @Operation(summary = "The regression report in HTML (as ?format=html)")
    @APIResponse(responseCode = "200", description = "The regression report")
    @APIResponse(responseCode = "404", description = "No such run")
    @Produces(MediaType.TEXT_HTML)
    public String regressionHtml(@RestPath String runId, @QueryParam("baseline") String baseline) {
        return document(load(runId, baseline), ReportFormat.html, null);
    }

    @GET
    @Path("/runs/{runId}/regression/charts/{name}.svg")
    @Produces("image/svg+xml")
    @Operation(summary = "One chart of a regression report as an SVG file: pass-rate-<model> or frontier")
    @APIResponse(responseCode = "200", description = "The chart")
    @APIResponse(responseCode = "404", description = "No such run, or the report has no such chart")
    public String regressionChart(@RestPath String runId, @RestPath String name,
            @QueryParam("baseline") String baseline) {
        RegressionReport report = load(runId, baseline);
        return documents.regressionFigure(report, frontier.frontier(report.suite(),
                Documents.asOf(report.completedAt())), name).orElseThrow(() -> new NotFoundException(
                        "the regression report of run " + runId + " has no chart " + name));
    }

    private String document(RegressionReport report, ReportFormat format, String charts) {
        java.time.Instant asOf = Documents.asOf(report.completedAt());
        return documents.regression(report, reports.report(report.runId()).orElse(null),
                frontier.frontier(report.suite(), asOf), asOf, format, Documents.chartFiles(charts));
    }

    @GET
    @Path("/frontier")
    @Operation(summary = "The cost-quality frontier of a suite's models")
    @APIResponse(responseCode = "200", description = "Each model placed on or behind the frontier")
    @APIResponse(responseCode = "400", description = "suite is missing")
    public List<Frontier.Placed> frontier(@QueryParam("suite") String suite) {
        if (suite == null || suite.isBlank()) {
            throw new BadRequestException("query parameter 'suite' is required, e.g. /api/frontier?suite=starter");
        }
        return frontier.frontier(suite);
    }

    private RegressionReport load(String runId, String baseline) {
        return regressions.report(runId, baseline).orElseThrow(() -> new NotFoundException("no run " + runId));
    }

}
