package io.evalwatch.simulator.health;

import io.evalwatch.simulator.service.ModelRegistry;
import io.evalwatch.simulator.service.TaskRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the profiles are loaded: reports the models and how many tasks are known. */
@Readiness
@ApplicationScoped
public class SimulatorReadiness implements HealthCheck {

    private final ModelRegistry models;
    private final TaskRegistry tasks;

    public SimulatorReadiness(ModelRegistry models, TaskRegistry tasks) {
        this.models = models;
        this.tasks = tasks;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("simulator")
                .status(!models.profiles().models().isEmpty())
                .withData("profiles", models.profilesFile().toString())
                .withData("models", String.join(",", models.profiles().models().keySet()))
                .withData("tasks", tasks.all().size())
                .build();
    }
}
