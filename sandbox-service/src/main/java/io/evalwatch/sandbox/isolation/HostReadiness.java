package io.evalwatch.sandbox.isolation;

import java.util.List;

/**
 * Whether this host can isolate executions as configured, what is missing if not, and what is weaker than
 * it could be (warnings). description is the isolation string that travels in every ExecutionCompleted.
 */
public record HostReadiness(boolean ready, String description, List<String> missing, List<String> warnings) {
}
