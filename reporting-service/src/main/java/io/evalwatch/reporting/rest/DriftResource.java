package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.baseline.Baseline;
import io.evalwatch.reporting.baseline.BaselineRegistry;
import io.evalwatch.reporting.frontier.Frontier;
import io.evalwatch.reporting.frontier.FrontierService;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.RegressionReport;
import io.evalwatch.reporting.report.RegressionReportRenderer;
import io.evalwatch.reporting.report.RegressionService;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;

/** Regression reports (JSON, Markdown, HTML), baselines, and the cost-quality frontier. */
@Path("/api")
public class DriftResource {

    private final RegressionService regressions;
    private final BaselineRegistry baselines;
    private final FrontierService frontier;

    public DriftResource(RegressionService regressions, BaselineRegistry baselines, FrontierService frontier) {
        this.regressions = regressions;
        this.baselines = baselines;
        this.frontier = frontier;
    }

    @GET
    @Path("/runs/{runId}/regression")
    public RegressionReport regression(@RestPath String runId, @QueryParam("baseline") String baseline) {
        return load(runId, baseline);
    }

    @GET
    @Path("/runs/{runId}/regression.md")
    @Produces("text/markdown")
    public String regressionMarkdown(@RestPath String runId, @QueryParam("baseline") String baseline) {
        RegressionReport report = load(runId, baseline);
        return RegressionReportRenderer.markdown(report, frontier.frontier(report.suite()));
    }

    @GET
    @Path("/runs/{runId}/regression.html")
    @Produces(MediaType.TEXT_HTML)
    public String regressionHtml(@RestPath String runId, @QueryParam("baseline") String baseline) {
        RegressionReport report = load(runId, baseline);
        return RegressionReportRenderer.html(report, frontier.frontier(report.suite()));
    }

    @GET
    @Path("/frontier")
    public List<Frontier.Placed> frontier(@QueryParam("suite") String suite) {
        if (suite == null || suite.isBlank()) {
            throw new BadRequestException("query parameter 'suite' is required, e.g. /api/frontier?suite=starter");
        }
        return frontier.frontier(suite);
    }

    @GET
    @Path("/baselines")
    public List<Baseline> baselines() {
        return baselines.all();
    }

    /** Pins a completed run as the baseline of a model: {"model": ..., "runId": ...}. */
    @POST
    @Path("/baselines")
    @Transactional
    public Baseline pin(PinRequest request) {
        if (request == null || request.model() == null || request.runId() == null) {
            throw new BadRequestException("body must be {\"model\": ..., \"runId\": ...}");
        }
        RunRecord run = RunRecord.findById(request.runId());
        if (run == null || !run.completed()) {
            throw new BadRequestException("run " + request.runId() + " is unknown or not completed");
        }
        if (run.models == null || !run.models.contains(request.model())) {
            throw new BadRequestException("run " + request.runId() + " did not evaluate model " + request.model());
        }
        return baselines.pin(request.model(), run);
    }

    @DELETE
    @Path("/baselines/{model}/{suite}/pin")
    public void unpin(@RestPath String model, @RestPath String suite) {
        if (!baselines.unpin(model, suite)) {
            throw new NotFoundException("no pinned baseline of " + model + " on " + suite);
        }
    }

    private RegressionReport load(String runId, String baseline) {
        return regressions.report(runId, baseline).orElseThrow(() -> new NotFoundException("no run " + runId));
    }

    /** Which run to pin for which model. */
    public record PinRequest(String model, String runId) {
    }
}
