package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.frontier.Frontier;
import io.evalwatch.reporting.frontier.FrontierService;
import io.evalwatch.reporting.report.RegressionReport;
import io.evalwatch.reporting.report.RegressionReportRenderer;
import io.evalwatch.reporting.report.RegressionService;
import io.evalwatch.reporting.report.ReportService;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    public DriftResource(RegressionService regressions, FrontierService frontier, ReportService reports) {
        this.regressions = regressions;
        this.frontier = frontier;
        this.reports = reports;
    }

    @GET
    @Path("/runs/{runId}/regression")
    @Operation(summary = "A run compared with its stream's reference, or with the baseline run given")
    @APIResponse(responseCode = "200", description = "The regression report")
    @APIResponse(responseCode = "404", description = "No such run")
    public RegressionReport regression(@RestPath String runId, @QueryParam("baseline") String baseline) {
        return load(runId, baseline);
    }

    @GET
    @Path("/runs/{runId}/regression.md")
    @Operation(summary = "The regression report in Markdown")
    @APIResponse(responseCode = "200", description = "The regression report")
    @APIResponse(responseCode = "404", description = "No such run")
    @Produces("text/markdown")
    public String regressionMarkdown(@RestPath String runId, @QueryParam("baseline") String baseline) {
        RegressionReport report = load(runId, baseline);
        return RegressionReportRenderer.markdown(report, frontier.frontier(report.suite(), report.completedAt()),
                reports.report(runId).orElse(null));
    }

    @GET
    @Path("/runs/{runId}/regression.html")
    @Operation(summary = "The regression report in HTML")
    @APIResponse(responseCode = "200", description = "The regression report")
    @APIResponse(responseCode = "404", description = "No such run")
    @Produces(MediaType.TEXT_HTML)
    public String regressionHtml(@RestPath String runId, @QueryParam("baseline") String baseline) {
        RegressionReport report = load(runId, baseline);
        return RegressionReportRenderer.html(report, frontier.frontier(report.suite(), report.completedAt()),
                reports.report(runId).orElse(null));
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
