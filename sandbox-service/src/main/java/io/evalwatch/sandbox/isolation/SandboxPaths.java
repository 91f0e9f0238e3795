package io.evalwatch.sandbox.isolation;

/**
 * Where a program finds things, as seen from inside its sandbox: the harness files, its own input files and
 * the writable scratch directory. privatePids says whether the program is alone in its own pid namespace.
 * environment is where the run's built environment is bound (read-only), or null when the run has none.
 */
public record SandboxPaths(String harness, String input, String scratch, boolean privatePids, String environment) {

    public SandboxPaths(String harness, String input, String scratch, boolean privatePids) {
        this(harness, input, scratch, privatePids, null);
    }

    /** The same paths for a run whose environment is seen at environment. */
    public SandboxPaths withEnvironment(String environment) {
        return new SandboxPaths(harness, input, scratch, privatePids, environment);
    }

    /** The argument that tells a harness whether it may count the processes left in its namespace. */
    public String pidsArgument() {
        return privatePids ? "private-pids" : "shared-pids";
    }
}
