package io.evalwatch.events;

/**
 * The fields that name an item, the same in every item event: which run, suite version, model, sample and variant
 * it belongs to, and its id (see {@link ItemIds}). Items pair across runs by (task, sample, variant).
 */
public record ItemRef(String itemId, String runId, String suite, String suiteVersion, String model, int sample,
        String variant) {
}
