package io.evalwatch.generator.service;

import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.GeneratorConfig;
import io.evalwatch.generator.config.ModelCatalog;
import io.evalwatch.generator.resilience.CircuitBreaker;
import io.evalwatch.generator.resilience.ModelThrottle;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One {@link ModelGuard} per configured model, created at start and shared by all workers. */
@ApplicationScoped
public class ModelGuards {

    @Inject
    ModelCatalog catalog;

    @Inject
    GeneratorConfig config;

    @Inject
    MeterRegistry registry;

    private final Map<String, ModelGuard> guards = new LinkedHashMap<>();

    @PostConstruct
    void create() {
        for (ConfiguredModel model : catalog.all()) {
            var c = model.config();
            ModelGuard guard = new ModelGuard(
                    new ModelThrottle(c.maxConcurrency(), c.requestsPerMinute(), c.tokensPerMinute(), System::nanoTime,
                            nanos -> TimeUnit.NANOSECONDS.sleep(nanos)),
                    new CircuitBreaker(config.breaker().failureThreshold(), config.breaker().openFor(), System::nanoTime));
            guards.put(model.name(), guard);
            Gauge.builder("evalwatch.generation.circuit.open", guard.breaker(),
                            b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1)
                    .description("1 while the model's circuit breaker is open or half-open")
                    .tag("model", model.name())
                    .register(registry);
            Gauge.builder("evalwatch.generation.slots.available", guard.throttle(), ModelThrottle::availableSlots)
                    .description("free concurrency slots of the model")
                    .tag("model", model.name())
                    .register(registry);
        }
    }

    public ModelGuard of(ConfiguredModel model) {
        return guards.get(model.name());
    }
}
