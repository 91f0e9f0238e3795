package io.evalwatch.generator.rest;

import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelCatalog;
import io.evalwatch.generator.service.ModelGuards;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The models this generator serves, as configured (no secrets), with each config hash and breaker state. */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    @Inject
    ModelCatalog catalog;

    @Inject
    ModelGuards guards;

    /** One configured model as shown to operators. */
    public record ModelView(String name, String provider, String endpoint, String modelId, String apiKeyEnv,
            boolean apiKeyPresent, int maxConcurrency, Integer requestsPerMinute, Integer tokensPerMinute,
            double inputPricePerMillion, double outputPricePerMillion, String configHash, String breaker) {
    }

    @GET
    public List<ModelView> list() {
        return catalog.all().stream().map(this::view).toList();
    }

    private ModelView view(ConfiguredModel m) {
        var c = m.config();
        return new ModelView(m.name(), c.provider().id(), c.endpoint().toString(), c.modelId(), c.apiKeyEnv(),
                m.apiKey().present(), c.maxConcurrency(), c.requestsPerMinute(), c.tokensPerMinute(),
                c.prices().inputPerMillion(), c.prices().outputPerMillion(), m.configHash(),
                guards.of(m).breaker().state().name().toLowerCase());
    }
}
