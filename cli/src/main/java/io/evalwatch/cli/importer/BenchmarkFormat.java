package io.evalwatch.cli.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/** One public benchmark's file format, read into suite tasks. */
public interface BenchmarkFormat {

    /** The name on the command line: {@code suites import KIND FILE}. */
    String kind();

    /** The problems of {@code source} (a file, or a folder holding the format's usual file names), at most limit. */
    List<ImportedTask> read(Path source, int limit) throws ImportException;

    /** The time limit of a task whose reference was not measured. */
    double defaultTimeoutSeconds();

    /** What the format adds to suite.yaml besides name, version and description. */
    default void describeSuite(ObjectNode suite) {
    }

    static List<BenchmarkFormat> all() {
        return List.of(new HumanEvalFormat(), new MbppFormat(), new EvalPlusFormat());
    }

    static BenchmarkFormat named(String kind) throws ImportException {
        for (BenchmarkFormat format : all()) {
            if (format.kind().equals(kind)) {
                return format;
            }
        }
        throw new ImportException("unknown format '" + kind + "'; use one of "
                + all().stream().map(BenchmarkFormat::kind).toList());
    }
}
