package io.evalwatch.cli.importer;

import java.nio.file.Path;

/** The public datasets beside the project (../shared/datasets), read in place and never copied in. */
final class Datasets {

    private Datasets() {
    }

    static Path of(String relative) {
        return Path.of(System.getProperty("evalwatch.root", "..")).resolve("../shared/datasets").resolve(relative)
                .toAbsolutePath().normalize();
    }
}
