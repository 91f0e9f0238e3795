package io.evalwatch.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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

    /**
     * The sampling seed sent to the model for an item: stable for the item, different across samples and runs.
     * The model-simulator decides its answer from it, which makes every item's expected outcome computable.
     */
    public static long seedOf(String itemId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(itemId.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value & 0x7fffffffL;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }
}
