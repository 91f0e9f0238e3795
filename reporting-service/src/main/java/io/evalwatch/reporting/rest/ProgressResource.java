package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.progress.RunProgress;
import io.evalwatch.reporting.progress.StageLedger;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * A run's progress per pipeline stage, cheap enough to poll while it runs (the CLI does, twice a second). Under
 * {@code /api} like the other run resources: a class path of its own below {@code /api/runs/{runId}} would take every
 * request under that prefix and hide the run's other resources (items, report) with a 404.
 */
@Path("/api")
@Tag(name = "Reports", description = "Run reports, the items behind them and a model's history")
public class ProgressResource {

    private final StageLedger stages;

    public ProgressResource(StageLedger stages) {
        this.stages = stages;
    }

    @GET
    @Path("/runs/{runId}/progress")
    @Operation(summary = "A run's items per stage: dispatched, generated (and failed), to execute, executed, scored,"
            + " errored")
    @APIResponse(responseCode = "200", description = "The counts, with the run's status and when they were taken")
    @APIResponse(responseCode = "404", description = "Reporting has seen neither the run nor any of its items (yet)")
    public RunProgress progress(@RestPath String runId) {
        return stages.progress(runId).orElseThrow(() -> new NotFoundException("reporting has not seen run " + runId
                + " (yet): check the id, or wait for its first item"));
    }
}
