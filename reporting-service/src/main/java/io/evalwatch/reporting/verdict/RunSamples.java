package io.evalwatch.reporting.verdict;

import io.evalwatch.reporting.drift.ItemOutcome;
import io.evalwatch.reporting.drift.RunSample;
import io.evalwatch.reporting.ledger.ItemResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/** A model's stored items in a run, as the drift statistics read them (errored items are left out). */
public final class RunSamples {

    private RunSamples() {
    }

    public static RunSample of(String runId, String model, String suiteVersion, List<ItemResult> items) {
        return of(runId, model, null, suiteVersion, items, task -> true);
    }

    /** One variant's items (any variant when null), on the tasks the filter keeps. */
    public static RunSample of(String runId, String model, String variant, String suiteVersion,
            List<ItemResult> items, Predicate<String> tasks) {
        return new RunSample(runId, model, suiteVersion, items.stream()
                .filter(i -> !i.errored && model.equals(i.model))
                .filter(i -> variant == null || variant.equals(i.variant == null ? "base" : i.variant))
                .filter(i -> tasks.test(i.taskId))
                .map(i -> new ItemOutcome(i.taskId, i.sample, i.category, i.passed, i.weightedAccuracy, i.ttftSeconds,
                        i.durationSeconds, i.costUsd, i.outputTokens, i.codeFormat, i.systemFingerprint,
                        i.responseModelId, hash(i.output), i.hostLagSeconds, i.metrics, i.variant))
                .toList());
    }

    static String hash(String output) {
        if (output == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(output.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
