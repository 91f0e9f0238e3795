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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Starts runs and shows what was started. Results live in reporting-service. */
@Path("/api/runs")
@Tag(name = "Runs", description = "Start evaluation runs and follow what was started")
public class RunResource {

    private final RunService runs;

    public RunResource(RunService runs) {
        this.runs = runs;
    }

    /** Starts a run: 201 with it; 400 naming the field that is wrong, including trigger and monitor if given. */
    @POST
    @Operation(summary = "Start a run of a suite against one or more models")
    @APIResponse(responseCode = "201", description = "The run, started; Location names it")
    @APIResponse(responseCode = "400", description = "A field is wrong (named in the answer), including trigger and monitor, which only task-service sets, and an unknown prompt variant (the known ones named)")
    @APIResponse(responseCode = "409", description = "The suite changed on disk without a new version (its stored version differs)")
    @APIResponse(responseCode = "422", description = "The suite is invalid, or its environment failed to build")
    @APIResponse(responseCode = "503", description = "The suite's environment is still being built; ask again after Retry-After")
    public Response start(@RequestBody(description = "The suite, the models, samples per task (for pass@k), optionally a subset of tasks, a CI gate flag, a comparison stream and prompt variants besides base",
            required = true, content = @Content(mediaType = "application/json", examples = {
                    @ExampleObject(name = "run", summary = "A suite against two models",
                            value = "{\"suite\": \"starter\", \"models\": [\"sim-alpha\", \"sim-beta\"], \"samples\": 1}"),
                    @ExampleObject(name = "gate", summary = "A CI gate on a few tasks, in a named comparison stream",
                            value = "{\"suite\": \"starter\", \"models\": [\"sim-alpha\"], \"samples\": 5,"
                                    + " \"tasks\": [\"add-months\", \"chunk-list\"], \"gate\": true, \"series\": \"nightly\"}"),
                    @ExampleObject(name = "variants", summary = "Prompt variants besides base, each compared with base",
                            value = "{\"suite\": \"starter\", \"models\": [\"sim-alpha\"],"
                                    + " \"variants\": [\"few-shot\", \"structured\"]}") }))
            JsonNode body) {
        Run run = runs.start(RunRequest.fromJson(body));
        return Response.created(URI.create("/api/runs/" + run.runId)).entity(RunView.of(run)).build();
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "One run: its suite, models, item counts and state")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public RunView get(@RestPath String runId) {
        return runs.find(runId).map(RunView::of)
                .orElseThrow(() -> new NotFoundException("no run " + runId));
    }

    @GET
    @Operation(summary = "The latest runs, newest first (limit 1..500)")
    public List<RunView> latest(@QueryParam("limit") @DefaultValue("20") int limit) {
        return runs.latest(Math.max(1, Math.min(limit, 500))).stream().map(RunView::of).toList();
    }
}
