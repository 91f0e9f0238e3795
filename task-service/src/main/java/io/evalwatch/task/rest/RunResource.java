package io.evalwatch.task.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.task.run.Run;
import io.evalwatch.task.run.RunRequest;
import io.evalwatch.task.run.RunService;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;

/** Starts runs and shows what was started. Results live in reporting-service. */
@Path("/api/runs")
public class RunResource {

    private final RunService runs;

    public RunResource(RunService runs) {
        this.runs = runs;
    }

    /** Starts a run: 201 with it; 400 naming the field that is wrong, including trigger and monitor if given. */
    @POST
    public Response start(JsonNode body) {
        Run run = runs.start(RunRequest.fromJson(body));
        return Response.created(URI.create("/api/runs/" + run.runId)).entity(RunView.of(run)).build();
    }

    @GET
    @Path("/{runId}")
    public RunView get(@RestPath String runId) {
        return runs.find(runId).map(RunView::of)
                .orElseThrow(() -> new NotFoundException("no run " + runId));
    }

    @GET
    public List<RunView> latest(@QueryParam("limit") @DefaultValue("20") int limit) {
        return runs.latest(Math.max(1, Math.min(limit, 500))).stream().map(RunView::of).toList();
    }
}
