package io.evalwatch.sandbox.environment;

/**
 * Where a built environment's parts live, relative to its root on the host and to {@link #MOUNT} inside the
 * sandbox, where it is bound read-only.
 */
public final class EnvironmentLayout {

    /** The environment's root inside the sandbox. */
    public static final String MOUNT = "/sandbox/env";
    /** Python: a folder put on sys.path (packages, or symbolic links to the distribution's package folders). */
    public static final String PYTHON_SITE = "python/site";
    /** JavaScript: a node_modules tree, found by require() through NODE_PATH. */
    public static final String NODE_MODULES = "node/node_modules";
    /** Java: the resolved jars, put on javac's and java's class path. */
    public static final String JAVA_LIB = "java/lib";

    private EnvironmentLayout() {
    }
}
