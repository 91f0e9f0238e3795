package io.evalwatch.sandbox.health;

import io.evalwatch.sandbox.isolation.HostReadiness;
import io.evalwatch.sandbox.isolation.Sandbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when isolation works on this host; when it does not, says what is missing. */
@Readiness
@ApplicationScoped
public class SandboxReadinessCheck implements HealthCheck {

    private final Sandbox sandbox;

    public SandboxReadinessCheck(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public HealthCheckResponse call() {
        HostReadiness readiness = sandbox.readiness();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sandbox")
                .status(readiness.ready())
                .withData("isolation", readiness.description())
                .withData("slots", sandbox.slots());
        if (!readiness.missing().isEmpty()) {
            response.withData("missing", String.join("; ", readiness.missing()));
        }
        if (!readiness.warnings().isEmpty()) {
            response.withData("warnings", String.join("; ", readiness.warnings()));
        }
        return response.build();
    }
}
