package io.evalwatch.reporting.drift;

import java.util.List;

/** The items of one model in one run (one prompt variant), as drift analysis compares them. */
public record RunSample(String runId, String model, String suiteVersion, List<ItemOutcome> items) {

    public RunSample {
        items = List.copyOf(items);
    }
}
