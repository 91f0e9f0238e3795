package io.evalwatch.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.sandbox.environment.BuiltEnvironment;
import io.evalwatch.sandbox.environment.EnvironmentBuildException;
import io.evalwatch.sandbox.environment.EnvironmentStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Suite environments: task-service asks for a suite's environment when a run starts (and records the lock hash
 * it answers with); a build runs at most once per spec, so callers who do not wait can ask again.
 * <ul>
 * <li>{@code POST /api/environments?wait=SECONDS&refresh=BOOL}, body an EnvironmentSpec: 200 with the built
 * environment when ready within wait (default 30 s), 202 {@code {specHash, status: building, progress}} while
 * building, 422 {@code {status: failed, message, failedPackage}} when the build failed, 400 for a spec that is
 * not one.</li>
 * <li>{@code GET /api/environments}: every built environment; {@code GET /api/environments/{lockHash}}: one, 404
 * when unknown.</li>
 * </ul>
 */
@Path("/api/environments")
@Tag(name = "Environments", description = "Suite environments: built once per spec, content-addressed by lock hash")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final List<String> PYTHON_SOURCES = List.of(EnvironmentSpec.Python.DEBIAN,
            EnvironmentSpec.Python.WHEELHOUSE, EnvironmentSpec.Python.INDEX);

    /** What the API answers about an environment; absent fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnvironmentView(String lockHash, String specHash, String status, List<String> lock, String root,
            Instant builtAt, List<String> progress, String message, String failedPackage, EnvironmentSpec spec) {

        static EnvironmentView ready(BuiltEnvironment built) {
            return new EnvironmentView(built.lockHash(), built.specHash(), "ready", built.lock(),
                    built.root().toString(), built.builtAt(), null, null, null, built.spec());
        }
    }

    private final EnvironmentStore store;

    public EnvironmentResource(EnvironmentStore store) {
        this.store = store;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Build a suite environment, or answer the one already built for the spec")
    @APIResponse(responseCode = "200", description = "The environment, ready")
    @APIResponse(responseCode = "202", description = "Still building: specHash and the last progress lines; ask again, the build goes on once")
    @APIResponse(responseCode = "400", description = "The body is not an environment spec")
    @APIResponse(responseCode = "422", description = "The build failed: the message and the package that failed")
    public Response ensure(@RequestBody(description = "An environment spec as a suite declares it: python, node and/or java parts",
            required = true, content = @Content(mediaType = "application/json", examples = {
                    @ExampleObject(name = "python", summary = "Debian's numpy, imported by the fork servers",
                            value = "{\"python\": {\"source\": \"debian\", \"packages\": [\"numpy\"], \"preload\": [\"numpy\"]}}"),
                    @ExampleObject(name = "node-and-java", summary = "An npm package and a Maven artifact",
                            value = "{\"node\": {\"packages\": {\"left-pad\": \"1.3.0\"}},"
                                    + " \"java\": {\"artifacts\": [\"org.apache.commons:commons-lang3:3.14.0\"]}}") }))
            JsonNode body, @QueryParam("wait") @DefaultValue("30") double waitSeconds,
            @QueryParam("refresh") @DefaultValue("false") boolean refresh) throws InterruptedException {
        EnvironmentSpec spec;
        try {
            spec = spec(body);
        } catch (IllegalArgumentException e) {
            return ErrorResponse.of(Response.Status.BAD_REQUEST, "invalid environment", List.of(e.getMessage()));
        }
        CompletableFuture<BuiltEnvironment> build = store.start(spec, refresh, null);
        try {
            BuiltEnvironment built = build.get(Math.max(0, (long) (waitSeconds * 1000)), TimeUnit.MILLISECONDS);
            return Response.ok(EnvironmentView.ready(built)).build();
        } catch (TimeoutException stillBuilding) {
            List<String> progress = store.status(spec.specHash()).map(EnvironmentStore.BuildStatus::progress)
                    .orElse(List.of());
            return Response.accepted(new EnvironmentView(null, spec.specHash(), "building", null, null, null,
                    progress, null, null, null)).build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            String failedPackage = cause instanceof EnvironmentBuildException b ? b.failedPackage() : null;
            return Response.status(422).entity(new EnvironmentView(null, spec.specHash(), "failed", null, null, null,
                    null, cause.getMessage(), failedPackage, null)).build();
        }
    }

    @GET
    @Operation(summary = "Every built environment in this sandbox's store")
    public List<EnvironmentView> list() {
        return store.list().stream().map(EnvironmentView::ready).toList();
    }

    @GET
    @Path("/{lockHash}")
    @Operation(summary = "One built environment")
    @APIResponse(responseCode = "200", description = "The environment")
    @APIResponse(responseCode = "404", description = "No such environment in this sandbox's store")
    public Response show(@PathParam("lockHash") String lockHash) {
        return store.find(lockHash).map(built -> Response.ok(EnvironmentView.ready(built)).build())
                .orElseGet(() -> ErrorResponse.of(Response.Status.NOT_FOUND,
                        "no environment " + lockHash + " in this sandbox's store", List.of()));
    }

    /**
     * Reads and checks a spec as a suite declares it.
     *
     * @throws IllegalArgumentException what is wrong with it
     */
    static EnvironmentSpec spec(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("an environment is a JSON object with python, node or java");
        }
        EnvironmentSpec spec;
        try {
            spec = STRICT.treeToValue(body, EnvironmentSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        if (spec.empty()) {
            problems.add("it declares no packages");
        }
        EnvironmentSpec.Python python = spec.python();
        if (python != null) {
            if (!PYTHON_SOURCES.contains(python.source())) {
                problems.add("python.source must be one of " + PYTHON_SOURCES + ", not '" + python.source() + "'");
            } else if (EnvironmentSpec.Python.WHEELHOUSE.equals(python.source()) && python.wheelhouse() == null) {
                problems.add("python.source wheelhouse needs python.wheelhouse, a folder of wheels");
            } else if (EnvironmentSpec.Python.INDEX.equals(python.source()) && python.indexUrl() == null) {
                problems.add("python.source index needs python.index_url");
            }
            if (python.packages().stream().anyMatch(p -> p == null || p.isBlank())) {
                problems.add("python.packages has an empty entry");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return spec;
    }
}
