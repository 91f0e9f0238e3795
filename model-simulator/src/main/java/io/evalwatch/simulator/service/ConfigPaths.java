package io.evalwatch.simulator.service;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves the configured relative paths the way every evalwatch service does. */
final class ConfigPaths {

    private ConfigPaths() {
    }

    /** The working directory first; then the repository root given as system property evalwatch.root. */
    static Path resolve(String configured) {
        Path path = Path.of(configured);
        if (path.isAbsolute() || Files.exists(path)) {
            return path;
        }
        String root = System.getProperty("evalwatch.root");
        if (root != null && !root.isBlank() && Files.exists(Path.of(root).resolve(configured))) {
            return Path.of(root).resolve(configured);
        }
        return path;
    }
}
