package io.evalwatch.reporting.ledger;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import java.util.List;

/** Copies a scored event onto its stored row. */
final class ItemResultMapping {

    private ItemResultMapping() {
    }

    static void apply(ItemScored s, ItemResult r) {
        r.runId = s.runId();
        r.suite = s.suite();
        r.suiteVersion = s.suiteVersion();
        r.taskId = s.taskId();
        r.category = s.category();
        r.model = s.model();
        r.sample = s.sample();
        r.variant = s.variant();
        r.errored = false;
        r.errorStage = null;
        r.passed = s.passed();
        r.testsPassed = s.testsPassed();
        r.testsTotal = s.testsTotal();
        r.passFraction = s.passFraction();
        r.weightedAccuracy = s.weightedAccuracy();
        r.failureCategory = (s.failureCategory() == null ? FailureCategory.PIPELINE_ERROR : s.failureCategory()).label();
        r.secondaryCategories = s.secondaryCategories().stream().map(FailureCategory::label).toList();
        r.metrics = s.metrics().isEmpty() ? null : new java.util.TreeMap<>(s.metrics());
        r.attempts = s.attempts();
        r.kind = s.kind().name().toLowerCase(java.util.Locale.ROOT);
        r.tags = s.tags().isEmpty() ? null : List.copyOf(s.tags());
        r.tests = s.tests();
        r.output = s.output();
        r.codeFormat = s.codeFormat();
        Timings t = s.timings() == null ? Timings.none() : s.timings();
        r.queueSeconds = t.queueSeconds();
        r.ttftSeconds = t.ttftSeconds();
        r.durationSeconds = t.durationSeconds();
        r.interTokenP50Seconds = t.interTokenP50Seconds();
        r.interTokenP95Seconds = t.interTokenP95Seconds();
        r.outputTokensPerSecond = t.outputTokensPerSecond();
        r.hostLagSeconds = t.hostLagSeconds();
        Usage u = s.usage() == null ? Usage.zero() : s.usage();
        r.inputTokens = u.inputTokens();
        r.outputTokens = u.outputTokens();
        r.costUsd = s.costUsd();
        Provenance p = s.provenance();
        if (p != null) {
            r.provider = p.provider();
            r.requestedModelId = p.requestedModelId();
            r.responseModelId = p.responseModelId();
            r.systemFingerprint = p.systemFingerprint();
            r.requestId = p.requestId();
            r.promptHash = p.promptHash();
            r.configHash = p.configHash();
        }
        r.dispatchedAt = s.dispatchedAt();
        r.scoredAt = s.occurredAt();
    }
}
