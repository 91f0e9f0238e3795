package io.evalwatch.task.rest;

import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.task.suite.RotationPlan;
import io.evalwatch.task.suite.Suite;
import io.evalwatch.task.suite.SuiteArchive;
import io.evalwatch.task.suite.SuiteCatalog;
import io.evalwatch.task.suite.SuiteChanges;
import io.evalwatch.task.suite.SuiteTask;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The golden suites on disk, with their versions and any problems that make them unusable; the stored versions,
 * what changed between two of them, and which tasks are due for review.
 */
@Path("/api/suites")
@Tag(name = "Suites", description = "The golden suites, their stored versions, changes, rotation and environments")
public class SuiteResource {

    private final SuiteCatalog suites;
    private final SuiteArchive archive;

    public SuiteResource(SuiteCatalog suites, SuiteArchive archive) {
        this.suites = suites;
        this.archive = archive;
    }

    @GET
    @Operation(summary = "Every suite with its version on disk and stored versions")
    public List<SuiteCatalog.SuiteStatus> list() {
        return archive.statuses();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "A suite's tasks as on disk, without their references")
    @APIResponse(responseCode = "200", description = "The suite")
    @APIResponse(responseCode = "404", description = "No such suite")
    public SuiteView get(@RestPath String name) {
        Suite suite = find(name);
        return new SuiteView(suite.name(), suite.version(), suite.description(),
                suite.tasks().stream().map(t -> new TaskSummary(t.id(), t.category(), t.kind().name().toLowerCase(),
                        t.language(), t.entryPoint(), t.tests().size(),
                        (int) t.tests().stream().filter(x -> x.edge()).count(), t.reviewed(), t.contentHash()))
                        .toList());
    }

    /** Every stored version (a version is stored by its first run), oldest first, with its tasks' hashes. */
    @GET
    @Path("/{name}/versions")
    @Operation(summary = "Every stored version of a suite, oldest first, with its tasks' hashes")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "404", description = "No such suite")
    public List<SuiteArchive.StoredVersion> versions(@RestPath String name) {
        requireKnown(name);
        return archive.versions(name);
    }

    /** What changed from one version to another; {@code to} defaults to the version on disk. */
    @GET
    @Path("/{name}/changes")
    @Operation(summary = "Tasks added, removed and changed between two versions (to defaults to the version on disk)")
    @APIResponse(responseCode = "200", description = "The changes")
    @APIResponse(responseCode = "400", description = "from is missing")
    @APIResponse(responseCode = "404", description = "No such suite or version")
    public SuiteChanges changes(@RestPath String name, @QueryParam("from") String from, @QueryParam("to") String to) {
        requireKnown(name);
        if (from == null || from.isBlank()) {
            throw new BadParameterException("from", "from (a version of suite '" + name + "') is required");
        }
        String target = to == null || to.isBlank() ? find(name).version() : to;
        return SuiteChanges.between(name, from, archive.hashes(name, from, "from"), target,
                archive.hashes(name, target, "to"));
    }

    /** A task as a stored version holds it, reference included; also for tasks later versions retired. */
    @GET
    @Path("/{name}/versions/{version}/tasks/{taskId}")
    @Operation(summary = "A task as a stored version holds it, reference included")
    @APIResponse(responseCode = "200", description = "The task")
    @APIResponse(responseCode = "404", description = "No such suite, version or task")
    public ArchivedTask archivedTask(@RestPath String name, @RestPath String version, @RestPath String taskId) {
        requireKnown(name);
        SuiteTask task = archive.task(name, version, taskId);
        return new ArchivedTask(task.suite, task.version, task.taskId, task.contentHash, task.firstRunId,
                task.storedAt, task.content);
    }

    /** Tasks not reviewed for {@code days} days, and about {@code share} of the suite proposed for rotation. */
    @GET
    @Path("/{name}/rotation")
    @Operation(summary = "Tasks not reviewed for days days, and about share of the suite proposed for rotation")
    @APIResponse(responseCode = "200", description = "The rotation plan")
    @APIResponse(responseCode = "400", description = "days or share out of range")
    @APIResponse(responseCode = "404", description = "No such suite")
    public RotationPlan rotation(@RestPath String name, @QueryParam("days") @DefaultValue("90") int days,
            @QueryParam("share") @DefaultValue("0.2") double share) {
        if (days < 1) {
            throw new BadParameterException("days", "days must be at least 1, was " + days);
        }
        if (!(share > 0 && share <= 1)) {
            throw new BadParameterException("share", "share must be greater than 0 and at most 1, was " + share);
        }
        return RotationPlan.of(find(name), LocalDate.now(ZoneOffset.UTC), days, share);
    }

    /**
     * The environments the suite's tasks declare, each with the tasks that use it: what {@code ./evalwatch env build}
     * asks sandbox-service to build. Empty when every task runs in the plain sandbox.
     */
    @GET
    @Path("/{name}/environments")
    @Operation(summary = "The environments the suite's tasks declare, each with the tasks that use it")
    @APIResponse(responseCode = "200", description = "The environments; empty when every task runs in the plain sandbox")
    @APIResponse(responseCode = "404", description = "No such suite")
    public List<EnvironmentUse> environments(@RestPath String name) {
        Map<EnvironmentSpec, List<String>> bySpec = new LinkedHashMap<>();
        find(name).tasks().stream().filter(t -> t.environment() != null)
                .forEach(t -> bySpec.computeIfAbsent(t.environment(), s -> new ArrayList<>()).add(t.id()));
        return bySpec.entrySet().stream()
                .map(e -> new EnvironmentUse(e.getKey().specHash(), e.getKey(), e.getValue())).toList();
    }

    private Suite find(String name) {
        return suites.find(name).orElseThrow(() -> new NotFoundException("no suite " + name));
    }

    private void requireKnown(String name) {
        if (!suites.names().contains(name) && archive.versions(name).isEmpty()) {
            throw new NotFoundException("no suite " + name);
        }
    }

    /** A suite's tasks without their references. */
    public record SuiteView(String name, String version, String description, List<TaskSummary> tasks) {
    }

    /** One task, summarised. */
    public record TaskSummary(String id, String category, String kind, String language, String entryPoint, int tests,
            int edgeTests, LocalDate reviewed, String contentHash) {
    }

    /** An environment a suite declares and the tasks that run in it. */
    public record EnvironmentUse(String specHash, EnvironmentSpec spec, List<String> tasks) {
    }

    /** A task of a stored version: its canonical content as the version's first run stored it. */
    public record ArchivedTask(String suite, String version, String taskId, String contentHash, String firstRunId,
            Instant storedAt, Map<String, Object> content) {
    }
}
