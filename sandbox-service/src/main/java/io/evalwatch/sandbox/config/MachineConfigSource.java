package io.evalwatch.sandbox.config;

import io.quarkus.runtime.annotations.StaticInitSafe;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Facts of the machine as configuration defaults, below application.properties: evalwatch.sandbox.workers
 * defaults to the number of processors, so the sandbox slots and the Kafka worker pool (which reads it) are
 * sized to the machine unless configured.
 */
@StaticInitSafe
public class MachineConfigSource implements ConfigSource {

    static final String WORKERS = "evalwatch.sandbox.workers";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(WORKERS);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(WORKERS, Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public String getValue(String propertyName) {
        return WORKERS.equals(propertyName) ? Integer.toString(Runtime.getRuntime().availableProcessors()) : null;
    }

    @Override
    public String getName() {
        return "evalwatch-machine";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
