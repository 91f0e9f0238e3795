package io.evalwatch.sandbox.environment;

import io.evalwatch.events.EnvironmentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Resolves and builds one language's part of an environment. The store builds every declared part into a fresh
 * folder, hashes the parts' lock lines into the environment's lock hash, and moves the folder under that hash; the
 * sandbox binds it read-only at {@link EnvironmentLayout#MOUNT}.
 */
public interface EnvironmentPartBuilder {

    /** The part's name and its folder under the environment's root: python, node or java. */
    String part();

    /** Whether the spec declares anything for this part. */
    boolean declaredIn(EnvironmentSpec spec);

    /**
     * Resolves the declared packages to exact versions and builds them into {@code partDir} (which exists and is
     * empty), in the layout {@link EnvironmentLayout} names. Nothing it builds may need the network at run time.
     *
     * @param progress one line per step worth telling a user who waits (resolving, downloading x, …)
     * @return the lock: one line per resolved package with its exact version and a content hash
     *         ({@code numpy 1:1.24.2-1 sha256:…}); sorted; the same packages give the same lines
     * @throws EnvironmentBuildException naming the package that did not resolve or build
     */
    List<String> build(EnvironmentSpec spec, Path partDir, Consumer<String> progress) throws EnvironmentBuildException;
}
