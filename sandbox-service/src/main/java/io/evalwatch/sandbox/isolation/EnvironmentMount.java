package io.evalwatch.sandbox.isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A built environment as a run sees it: its root, bound read-only at {@code /sandbox/env}, and the Python
 * modules a fork server for it imports once, before forking its runs.
 *
 * @param lockHash the environment's identity (its folder's name in the store)
 */
public record EnvironmentMount(String lockHash, Path root, List<String> preload) {

    /** Where the environment appears inside the sandbox (EnvironmentLayout.MOUNT). */
    public static final String SANDBOX_PATH = "/sandbox/env";
    private static final Pattern MODULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    public EnvironmentMount {
        preload = preload == null ? List.of() : List.copyOf(preload);
        for (String module : preload) {
            if (!MODULE.matcher(module).matches()) {
                throw new IllegalArgumentException("preload entry '" + module + "' is not a Python module name");
            }
        }
    }

    /**
     * The fork server key: one warm interpreter per (slot, environment, preload). The root is part of it: a server
     * binds the folder it was started with, and two stores may hold the same lock.
     */
    String serverKey() {
        return lockHash + "@" + root + (preload.isEmpty() ? "" : "+" + String.join(",", preload));
    }
}
