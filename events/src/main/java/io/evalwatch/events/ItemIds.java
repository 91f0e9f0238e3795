package io.evalwatch.events;

/**
 * Deterministic item identifiers: {@code runId/taskId/model/sample/variant}. The run id comes first and never
 * contains a slash, so any consumer (the dead-letter counter included) can recover the run from the key alone.
 */
public final class ItemIds {

    private ItemIds() {
    }

    public static String of(String runId, String taskId, String model, int sample, String variant) {
        if (runId.contains("/")) {
            throw new IllegalArgumentException("run id must not contain '/': " + runId);
        }
        return runId + "/" + taskId + "/" + model + "/" + sample + "/" + variant;
    }

    public static String runIdOf(String itemId) {
        int slash = itemId.indexOf('/');
        return slash < 0 ? itemId : itemId.substring(0, slash);
    }
}
