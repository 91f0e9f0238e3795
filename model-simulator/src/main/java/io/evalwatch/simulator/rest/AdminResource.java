package io.evalwatch.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.security.Problems;
import io.evalwatch.simulator.answer.KindAnswers;
import io.evalwatch.simulator.answer.SimulatedAnswer;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.service.AttemptCounter;
import io.evalwatch.simulator.service.ModelRegistry;
import io.evalwatch.simulator.service.ModelRegistry.ActiveModel;
import io.evalwatch.simulator.service.OpenRequests;
import io.evalwatch.simulator.service.Simulator;
import io.evalwatch.simulator.service.TaskRegistry;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.task.TaskFileException;
import io.evalwatch.simulator.task.TaskFiles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admin calls: switch a model's version (the silent vendor update), list models, register tasks at run time, and
 * preview the known answer for an item. Guarded by evalwatch's own keys (service-security: reads viewer, changes
 * operator), not by the vendor key of the /v1 routes.
 */
@Path("/admin")
@Tag(name = "Admin", description = "Switch model versions, list models, register tasks, preview answers (evalwatch keys: reads viewer, changes operator)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final ModelRegistry models;
    private final TaskRegistry tasks;
    private final Simulator simulator;
    private final AttemptCounter attempts;
    private final OpenRequests open;

    public AdminResource(ModelRegistry models, TaskRegistry tasks, Simulator simulator, AttemptCounter attempts,
                         OpenRequests open) {
        this.models = models;
        this.tasks = tasks;
        this.simulator = simulator;
        this.attempts = attempts;
        this.open = open;
    }

    /** A model as the admin API shows it. */
    public record ModelStatus(String name, String activeVersion, String systemFingerprint, boolean forced,
                              List<VersionStatus> versions) {
    }

    /** One version of a model as the admin API shows it. */
    public record VersionStatus(String version, String systemFingerprint, double passProbability, String activeFrom,
                                Ttft ttft) {
    }

    /** A version's time to first token in ms: log-normal median and sigma, plus the fixed part added to each. */
    public record Ttft(double medianMs, double sigma, double addedMs) {
    }

    /** The body of a version switch. */
    public record VersionChoice(String version) {
    }

    /** A task the admin API knows. */
    public record TaskSummary(String id, String entryPoint, String language, List<String> simulation, int tests) {
    }

    /** The known answer of a model to an item. */
    /** truth: what a review or search answer holds (reported known findings, invented ones, the gold's rank). */
    public record AnswerPreview(String model, String version, String systemFingerprint, String task, long seed,
                                String decided, String delivered, boolean expectedToPass, String content,
                                KindAnswers.KindTruth truth) {
    }

    @GET
    @Path("/models")
    @Operation(summary = "Every simulated model with its versions and the active one")
    public List<ModelStatus> listModels() {
        return models.all().stream().map(AdminResource::status).toList();
    }

    @POST
    @Path("/models/{name}/version")
    @Operation(summary = "Force a model's version now: the silent vendor update")
    @APIResponse(responseCode = "200", description = "The model, with the forced version active")
    @APIResponse(responseCode = "400", description = "The body is not {\"version\": ...}")
    @APIResponse(responseCode = "404", description = "Unknown model, or the model has no such version")
    public Response forceVersion(@PathParam("name") String name,
            @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "switch", summary = "Switch a model to its June version",
                            value = "{\"version\": \"2025-06-02\"}")))
            VersionChoice choice) {
        if (choice == null || choice.version() == null || choice.version().isBlank()) {
            return Problems.response(400, "the body must be {\"version\": \"...\"}", null, null);
        }
        Optional<ActiveModel> model = models.active(name);
        if (model.isEmpty()) {
            return unknownModel(name);
        }
        if (model.get().model().version(choice.version()).isEmpty()) {
            return Problems.response(404, "model " + name + " has no version '"
                    + choice.version() + "'; known: " + model.get().model().versions().stream()
                    .map(ModelVersion::version).toList(), null, null);
        }
        return Response.ok(status(models.force(name, choice.version()).orElseThrow())).build();
    }

    @DELETE
    @Path("/models/{name}/version")
    @Operation(summary = "Let a model follow its version schedule again")
    @APIResponse(responseCode = "200", description = "The model")
    @APIResponse(responseCode = "404", description = "Unknown model")
    public Response followSchedule(@PathParam("name") String name) {
        return models.unforce(name).map(active -> Response.ok(status(active)).build())
                .orElseGet(() -> unknownModel(name));
    }

    @GET
    @Path("/tasks")
    @Operation(summary = "Every task the simulator recognises")
    public List<TaskSummary> listTasks() {
        return tasks.all().stream().map(task -> new TaskSummary(task.id(), task.entryPoint(), task.language(),
                task.simulation().keySet().stream().map(kind -> kind.label()).sorted().toList(),
                task.tests().size())).toList();
    }

    @POST
    @Path("/tasks")
    @Operation(summary = "Register tasks at run time: a JSON list of {id, prompt, entry_point, reference}")
    @APIResponse(responseCode = "200", description = "How many were registered, and the total")
    @APIResponse(responseCode = "400", description = "Not a list of tasks, or a task is invalid")
    public Response registerTasks(JsonNode body) {
        if (body == null || !body.isArray()) {
            return Problems.response(400, "the body must be a JSON list of {id, prompt, entry_point, reference}",
                    null, null);
        }
        List<SimTask> parsed = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            try {
                parsed.add(TaskFiles.fromNode(body.get(i), "task #" + (i + 1)));
            } catch (TaskFileException | IllegalArgumentException e) {
                return Problems.response(400, e.getMessage(), null, null);
            }
        }
        tasks.register(parsed);
        simulator.prepare(parsed);
        return Response.ok(Map.of("registered", parsed.size(), "total", tasks.all().size())).build();
    }

    @POST
    @Path("/tasks/reload")
    @Operation(summary = "Scan the suites folder again")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Integer> reloadTasks() {
        TaskRegistry.Scan scan = tasks.rescan();
        simulator.prepare(scan.loaded());
        return Map.of("files", scan.files(), "loaded", scan.loaded().size(), "skipped", scan.skipped(),
                "total", scan.total());
    }

    @GET
    @Path("/requests/open")
    @Operation(summary = "Requests in flight per model, with their peaks")
    public Map<String, OpenRequests.Count> openRequests() {
        return open.counts();
    }

    @DELETE
    @Path("/requests/open/peaks")
    @Operation(summary = "Reset the peaks of requests in flight")
    public Response resetOpenRequestPeaks() {
        open.resetPeaks();
        return Response.noContent().build();
    }

    @GET
    @Path("/answers")
    @Operation(summary = "The known answer of a model to an item (model, task, seed)")
    @APIResponse(responseCode = "200", description = "The answer and whether it is expected to pass")
    @APIResponse(responseCode = "400", description = "model, task or seed is missing")
    @APIResponse(responseCode = "404", description = "Unknown model or task")
    public Response previewAnswer(@QueryParam("model") String model, @QueryParam("task") String taskId,
                                  @QueryParam("seed") Long seed) {
        if (model == null || taskId == null || seed == null) {
            return Problems.response(400, "query parameters model, task and seed are required", null, null);
        }
        Optional<ActiveModel> active = models.active(model);
        if (active.isEmpty()) {
            return unknownModel(model);
        }
        Optional<SimTask> task = tasks.find(taskId);
        if (task.isEmpty()) {
            return Problems.response(404, "unknown task '" + taskId + "'", null, null);
        }
        ModelVersion version = active.get().version();
        SimulatedAnswer answer = simulator.preview(version, task.get(), seed);
        return Response.ok(new AnswerPreview(model, version.version(), version.systemFingerprint(), taskId, seed,
                answer.decided().label(), answer.delivered().label(), answer.decided().expectedToPass(),
                answer.content(), answer.truth())).build();
    }

    @DELETE
    @Path("/attempts")
    @Operation(summary = "Forget the attempt counters behind vendor-trouble draws")
    public Response forgetAttempts() {
        attempts.clear();
        return Response.noContent().build();
    }

    private static Response unknownModel(String name) {
        return Problems.response(404, "unknown model '" + name + "'", null, null);
    }

    private static ModelStatus status(ActiveModel active) {
        return new ModelStatus(active.model().name(), active.version().version(),
                active.version().systemFingerprint(), active.forced(),
                active.model().versions().stream().map(v -> new VersionStatus(v.version(), v.systemFingerprint(),
                        v.passProbability(), v.activeFrom() == null ? null : v.activeFrom().toString(),
                        new Ttft(v.ttftMillis().median(), v.ttftMillis().sigma(), v.ttftMillis().added()))).toList());
    }
}
