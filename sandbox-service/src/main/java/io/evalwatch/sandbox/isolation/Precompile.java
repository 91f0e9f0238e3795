package io.evalwatch.sandbox.isolation;

import java.util.List;

/**
 * A program whose source the sandbox's compile server compiles first (see {@link JavaCompileServers}): the run then
 * executes the class files, bound read-only at {@link #CLASSES_DIR}, with command instead of the program's own
 * command, which stays the way to run the source without a compile server.
 *
 * @param source the source file, compiled as it would be in a source launch
 * @param classPath the compile's class path, as seen inside a sandbox (the run's own, but for the compiled classes)
 * @param command the run's command with the compiled classes on its class path (paths as seen inside)
 */
public record Precompile(byte[] source, List<String> classPath, List<String> command) {

    /** Where a run finds the classes compiled for it. */
    public static final String CLASSES_DIR = "/sandbox/classes";

    public Precompile {
        classPath = List.copyOf(classPath);
        command = List.copyOf(command);
    }
}
