package io.evalwatch.events;

/**
 * A built environment as a task carries it: the lock hash sandbox-service resolved the spec to when the run started
 * (the environment every item of the run must execute in), and the spec, so a sandbox instance that has not built
 * it yet can build it and check it resolves to the same lock.
 *
 * @param lockHash 16 hex digits over the resolved lock (exact versions and file hashes)
 * @param spec what the suite declared
 */
public record EnvironmentRef(String lockHash, EnvironmentSpec spec) {
}
