package io.evalwatch.task.rest;

import io.evalwatch.task.monitor.Monitor;
import io.evalwatch.task.monitor.MonitorScheduler;
import io.evalwatch.task.run.Run;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** The scheduled drift checks of monitors.yaml: their state, and firing one now. */
@Path("/api/monitors")
@Tag(name = "Monitors", description = "The scheduled drift checks of monitors.yaml")
public class MonitorResource {

    private final MonitorScheduler monitors;

    public MonitorResource(MonitorScheduler monitors) {
        this.monitors = monitors;
    }

    @GET
    @Operation(summary = "Every monitor with its schedule, last and next run")
    public List<MonitorView> list() {
        return monitors.monitors().stream().map(m -> MonitorView.of(m, monitors.activity(m))).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One monitor with its schedule, last and next run")
    @APIResponse(responseCode = "200", description = "The monitor")
    @APIResponse(responseCode = "404", description = "No such monitor")
    public MonitorView get(@RestPath String name) {
        Monitor monitor = find(name);
        return MonitorView.of(monitor, monitors.activity(monitor));
    }

    /** Runs the monitor now: 201 with the run, 409 naming the run still in progress, 422 for an invalid monitor. */
    @POST
    @Path("/{name}/runs")
    @Operation(summary = "Run a monitor now, outside its schedule")
    @APIResponse(responseCode = "201", description = "The run, started")
    @APIResponse(responseCode = "404", description = "No such monitor")
    @APIResponse(responseCode = "409", description = "The monitor's previous run is still in progress (named in the answer)")
    @APIResponse(responseCode = "422", description = "The monitor is invalid, its suite is invalid, or its environment failed to build")
    @APIResponse(responseCode = "503", description = "The suite's environment is still being built; ask again after Retry-After")
    public Response fire(@RestPath String name) {
        Run run = monitors.fireByHand(find(name));
        return Response.created(URI.create("/api/runs/" + run.runId)).entity(RunView.of(run)).build();
    }

    private Monitor find(String name) {
        return monitors.find(name).orElseThrow(() -> new NotFoundException("no monitor " + name));
    }
}
