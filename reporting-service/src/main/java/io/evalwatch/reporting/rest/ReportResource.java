package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.ReportService;
import io.evalwatch.reporting.report.ReportService.HistoryPoint;
import io.evalwatch.reporting.report.ReportService.ItemView;
import io.evalwatch.reporting.report.RunReport;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;

/** Run results: reports while a run is in progress and after, the items behind them, and a model's history. */
@Path("/api")
public class ReportResource {

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/runs")
    public List<RunSummary> runs(@QueryParam("limit") @DefaultValue("20") int limit) {
        return reports.latestRuns(Math.max(1, Math.min(limit, 500))).stream().map(RunSummary::of).toList();
    }

    @GET
    @Path("/runs/{runId}/report")
    public RunReport report(@RestPath String runId) {
        return reports.report(runId).orElseThrow(() -> new NotFoundException(
                "reporting has not seen run " + runId + " (yet): check the id, or wait for its first item"));
    }

    @GET
    @Path("/runs/{runId}/items")
    public List<ItemView> items(@RestPath String runId) {
        return reports.items(runId).orElseThrow(() -> new NotFoundException("reporting has not seen run " + runId));
    }

    @GET
    @Path("/models/{model}/history")
    public List<HistoryPoint> history(@RestPath String model, @QueryParam("suite") String suite,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return reports.history(model, suite, Math.max(1, Math.min(limit, 500)));
    }

    /** A run in a list. */
    public record RunSummary(String runId, String suite, String suiteVersion, String status, String trigger,
            Integer expectedItems, Instant startedAt, Instant completedAt) {
        static RunSummary of(RunRecord r) {
            return new RunSummary(r.runId, r.suite, r.suiteVersion, r.status, r.trigger, r.expectedItems,
                    r.startedAt, r.completedAt);
        }
    }
}
