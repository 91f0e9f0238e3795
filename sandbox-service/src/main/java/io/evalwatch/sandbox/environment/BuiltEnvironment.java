package io.evalwatch.sandbox.environment;

import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.sandbox.isolation.EnvironmentMount;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An environment on disk, ready to be bound read-only into the sandbox.
 *
 * @param lockHash 16 hex digits over the lock: the environment's identity, its folder's name in the store
 * @param specHash the declaration it was built from (the first one, when several resolve to the same lock)
 * @param root its folder on the host
 * @param lock one line per resolved package, {@code part<TAB>line}
 * @param spec the declaration it was built from
 */
public record BuiltEnvironment(String lockHash, String specHash, Path root, List<String> lock, Instant builtAt,
        EnvironmentSpec spec) {

    public BuiltEnvironment {
        lock = List.copyOf(lock);
    }

    /** What a run binds: this environment, with the modules a fork server imports ahead taken from spec. */
    public EnvironmentMount mount(EnvironmentSpec declared) {
        EnvironmentSpec preloadFrom = declared != null ? declared : spec;
        List<String> preload = preloadFrom == null || preloadFrom.python() == null ? List.of()
                : preloadFrom.python().preload();
        return new EnvironmentMount(lockHash, root, preload);
    }
}
