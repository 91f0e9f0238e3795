package io.evalwatch.sandbox.isolation;

/**
 * Where a program finds things, as seen from inside its sandbox: the harness files, its own input files and
 * the writable scratch directory. privatePids says whether the program is alone in its own pid namespace.
 */
public record SandboxPaths(String harness, String input, String scratch, boolean privatePids) {

    /** The argument that tells a harness whether it may count the processes left in its namespace. */
    public String pidsArgument() {
        return privatePids ? "private-pids" : "shared-pids";
    }
}
