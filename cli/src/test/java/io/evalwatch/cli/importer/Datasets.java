package io.evalwatch.cli.importer;

import java.nio.file.Path;

/**
 * The public datasets, read in place and never copied in: the folder the build names ({@code datasets.dir},
 * from EVALWATCH_DATASETS or ../shared/datasets beside the repository).
 */
public final class Datasets {

    private Datasets() {
    }

    public static Path of(String relative) {
        String folder = System.getProperty("datasets.dir");
        Path root = folder != null ? Path.of(folder)
                : Path.of(System.getProperty("evalwatch.root", "..")).resolve("../shared/datasets");
        return root.resolve(relative).toAbsolutePath().normalize();
    }
}
