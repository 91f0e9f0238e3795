package io.evalwatch.generator.health;

import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelCatalog;
import io.evalwatch.generator.service.ModelGuards;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the model catalogue is loaded; lists each model's circuit breaker state. An open breaker does not make
 * the service unready: it still consumes and reports the affected items as failed, which is the point.
 */
@Readiness
@ApplicationScoped
public class ModelCatalogCheck implements HealthCheck {

    @Inject
    ModelCatalog catalog;

    @Inject
    ModelGuards guards;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model-catalogue").up()
                .withData("file", String.valueOf(catalog.source()));
        for (ConfiguredModel model : catalog.all()) {
            response.withData(model.name(), "breaker " + guards.of(model).breaker().state().name().toLowerCase());
        }
        return response.build();
    }
}
