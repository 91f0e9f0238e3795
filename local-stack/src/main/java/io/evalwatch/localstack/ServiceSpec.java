package io.evalwatch.localstack;

import java.util.List;

/**
 * One evalwatch application the local stack runs: its module folder, HTTP port and the PostgreSQL database it
 * owns (null when it keeps no state).
 */
public record ServiceSpec(String name, String module, int port, String database) {

    /** The default ports of DESIGN.md, in start order: the simulator and the consumers first, the entry point last. */
    public static List<ServiceSpec> defaults() {
        return List.of(
                new ServiceSpec("model-simulator", "model-simulator", 8090, null),
                new ServiceSpec("sandbox-service", "sandbox-service", 8083, null),
                new ServiceSpec("scoring-service", "scoring-service", 8084, null),
                new ServiceSpec("generator-service", "generator-service", 8082, null),
                new ServiceSpec("reporting-service", "reporting-service", 8085, "evalwatch_reporting"),
                new ServiceSpec("task-service", "task-service", 8081, "evalwatch_tasks"));
    }

    public ServiceSpec withPort(int newPort) {
        return new ServiceSpec(name, module, newPort, database);
    }

    public ServiceSpec withDatabase(String newDatabase) {
        return new ServiceSpec(name, module, port, newDatabase);
    }
}
