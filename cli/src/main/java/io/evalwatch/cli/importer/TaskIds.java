package io.evalwatch.cli.importer;

import java.util.Locale;

/** Suite task ids from dataset task ids: "HumanEval/0" becomes humaneval-0, MBPP's 11 becomes mbpp-11. */
final class TaskIds {

    private TaskIds() {
    }

    static String of(String datasetId) {
        return datasetId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
