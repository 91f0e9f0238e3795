package io.evalwatch.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.isolation.HostReadiness;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.language.Language;
import io.evalwatch.sandbox.language.Languages;
import io.evalwatch.sandbox.service.ExecutionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Direct execution: runs code against tests synchronously, with the same isolation and limits as the Kafka
 * path. Used by suite validation and by operators trying a case.
 */
@Path("/api/executions")
@Tag(name = "Executions", description = "Run code against tests now, with the same isolation and limits as the Kafka path")
public class ExecutionResource {

    private final ExecutionService executions;
    private final Languages languages;
    private final Sandbox sandbox;
    private final SandboxConfig config;

    public ExecutionResource(ExecutionService executions, Languages languages, Sandbox sandbox, SandboxConfig config) {
        this.executions = executions;
        this.languages = languages;
        this.sandbox = sandbox;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run code against its tests in the sandbox and answer the result")
    @APIResponse(responseCode = "200", description = "The execution result: each test's outcome, output, resources used")
    @APIResponse(responseCode = "400", description = "The request is invalid (each problem listed)")
    @APIResponse(responseCode = "503", description = "Isolation is not available on this host, or every slot stayed busy (Retry-After)")
    public Response execute(@RequestBody(description = "The code, its entry point, its tests; optionally limits, analyze and an environment",
            required = true, content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "python",
                    summary = "A Python function and one test",
                    value = "{\"language\": \"python\", \"entryPoint\": \"add\","
                            + " \"code\": \"def add(a, b):\\n    return a + b\\n\","
                            + " \"tests\": [{\"name\": \"small\", \"code\": \"assert add(1, 2) == 3\", \"edge\": false}],"
                            + " \"limits\": {\"wallSeconds\": 5}}")))
            ExecutionApiRequest body) throws InterruptedException {
        List<String> problems = validate(body);
        if (!problems.isEmpty()) {
            return ErrorResponse.of(Response.Status.BAD_REQUEST, "invalid execution request", problems);
        }
        HostReadiness readiness = sandbox.readiness();
        if (!readiness.ready()) {
            return ErrorResponse.of(Response.Status.SERVICE_UNAVAILABLE,
                    "sandbox isolation is not available; refusing to execute", readiness.missing());
        }
        ExecutionRequest request = new ExecutionRequest(body.language(), body.code(), body.entryPoint(), body.tests(),
                body.limits(), body.rawOutput(), Boolean.TRUE.equals(body.analyze()));
        try {
            ExecutionResult result = executions.execute(request, environment(body.environment()), config.slotWait());
            return Response.ok(result).build();
        } catch (TimeoutException busy) {
            return Response.fromResponse(ErrorResponse.of(Response.Status.SERVICE_UNAVAILABLE,
                    "every sandbox slot is busy", List.of(busy.getMessage()))).header("Retry-After", "5").build();
        }
    }

    /** A lock hash (string) or a spec (object) as the reference a task would carry; null for none. */
    static EnvironmentRef environment(JsonNode environment) {
        if (environment == null || environment.isNull()) {
            return null;
        }
        if (environment.isTextual()) {
            if (!environment.asText().matches("[0-9a-f]{16}")) {
                throw new IllegalArgumentException("a lock hash is 16 hex digits, not '" + environment.asText() + "'");
            }
            return new EnvironmentRef(environment.asText(), null);
        }
        EnvironmentSpec spec = EnvironmentResource.spec(environment);
        return new EnvironmentRef(null, spec);
    }

    private List<String> validate(ExecutionApiRequest body) {
        List<String> problems = new ArrayList<>();
        if (body == null) {
            return List.of("a JSON body is required");
        }
        Optional<Language> language = languages.find(body.language());
        if (language.isEmpty()) {
            problems.add("language must be one of " + languages.names());
        } else if (!language.get().validEntryPoint(body.entryPoint())) {
            problems.add("entryPoint '" + body.entryPoint() + "' is not a valid " + language.get().name() + " name");
        }
        if (body.code() == null) {
            problems.add("code is required");
        }
        try {
            environment(body.environment());
        } catch (IllegalArgumentException e) {
            problems.add("environment: " + e.getMessage());
        }
        if (body.tests() != null) {
            for (int i = 0; i < body.tests().size(); i++) {
                TestCase test = body.tests().get(i);
                if (test == null || test.name() == null || test.code() == null) {
                    problems.add("tests[" + i + "] needs a name and code");
                }
            }
        }
        return problems;
    }
}
