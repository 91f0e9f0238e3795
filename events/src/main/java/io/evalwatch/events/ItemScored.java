package io.evalwatch.events;

import java.time.Instant;
import java.util.List;

/**
 * The score of one item, with everything reporting stores: who, what, how well, how fast, how costly, and the
 * provenance that lets a later run be compared with this one.
 */
public record ItemScored(
        int schemaVersion,
        String itemId,
        String runId,
        String suite,
        String suiteVersion,
        String taskId,
        String category,
        String model,
        int sample,
        String variant,
        boolean passed,
        int testsPassed,
        int testsTotal,
        double passFraction,
        double weightedAccuracy,
        FailureCategory failureCategory,
        List<TestResult> tests,
        String output,
        String codeFormat,
        Timings timings,
        Usage usage,
        double costUsd,
        Provenance provenance,
        Instant dispatchedAt,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;
}
