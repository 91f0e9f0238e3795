package io.evalwatch.generator.rest;

import io.evalwatch.generator.check.EndpointProbe;
import io.evalwatch.generator.check.ModelCheck;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelCatalog;
import io.evalwatch.generator.provider.VendorClient;
import io.evalwatch.generator.service.ModelGuards;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The models this generator serves, as configured (no secrets), with each config hash and breaker state. */
@Path("/api/models")
@Tag(name = "Models", description = "The configured models (no secrets), their config hashes and breaker states; endpoint checks")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    @Inject
    ModelCatalog catalog;

    @Inject
    ModelGuards guards;

    @Inject
    VendorClient client;

    /** One configured model as shown to operators. */
    public record ModelView(String name, String provider, String endpoint, String modelId, String apiKeyEnv,
            boolean apiKeyPresent, int maxConcurrency, Integer requestsPerMinute, Integer tokensPerMinute,
            double inputPricePerMillion, double outputPricePerMillion, String configHash, String breaker) {
    }

    @GET
    @Operation(summary = "Every configured model with its config hash and breaker state")
    public List<ModelView> list() {
        return catalog.all().stream().map(this::view).toList();
    }

    /**
     * Probes every configured endpoint (reachable, key, model listed, a tiny streamed call, the echoed id, error
     * reporting). The keys stay here: the caller sees only what worked and what to fix.
     */
    @POST
    @Path("/check")
    @Operation(summary = "Probe every configured endpoint: reachable, key, model listed, a tiny streamed call, the echoed id")
    public List<ModelCheck> checkAll() throws InterruptedException {
        List<ModelCheck> checks = new ArrayList<>();
        for (ConfiguredModel m : catalog.all()) {
            checks.add(new EndpointProbe(client).check(m));
        }
        return checks;
    }

    /** Probes one configured endpoint; 404 when the catalogue has no such model. */
    @POST
    @Path("/{name}/check")
    @Operation(summary = "Probe one configured endpoint")
    @APIResponse(responseCode = "200", description = "What worked and what to fix")
    @APIResponse(responseCode = "404", description = "The catalogue has no such model")
    public ModelCheck check(@PathParam("name") String name) throws InterruptedException {
        ConfiguredModel model = catalog.find(name).orElseThrow(() -> new NotFoundException("model '" + name
                + "' is not in the model catalogue " + catalog.source() + " (configured: "
                + String.join(", ", catalog.all().stream().map(ConfiguredModel::name).toList()) + ")"));
        return new EndpointProbe(client).check(model);
    }

    private ModelView view(ConfiguredModel m) {
        var c = m.config();
        return new ModelView(m.name(), c.provider().id(), c.endpoint().toString(), c.modelId(), c.apiKeyEnv(),
                m.apiKey().present(), c.maxConcurrency(), c.requestsPerMinute(), c.tokensPerMinute(),
                c.prices().inputPerMillion(), c.prices().outputPerMillion(), m.configHash(),
                guards.of(m).breaker().state().name().toLowerCase());
    }
}
