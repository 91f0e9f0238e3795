package io.evalwatch.scoring.score;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.TestResult;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import io.evalwatch.scoring.similarity.Similarity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns an executed item, or a generation that never reached the sandbox, into its score. Pure. */
public final class ItemScorer {

    /** Outputs are stored for before/after comparisons in reports; beyond this they are cut. */
    static final int MAX_OUTPUT_CHARS = 20_000;

    /** Outcomes in which the answer's code never loaded: its tests never had a chance to run. */
    static final Set<String> NOTHING_LOADED = Set.of(Outcomes.SYNTAX_ERROR, Outcomes.NO_CODE,
            Outcomes.MISSING_ENTRY_POINT, Outcomes.LOAD_ERROR);

    private ItemScorer() {
    }

    public static ItemScored score(ExecutionCompleted execution, Instant now) {
        GenerationCompleted g = execution.generation();
        List<TestResult> tests = completeResults(g, execution.tests());
        int passed = (int) tests.stream().filter(TestResult::passed).count();
        ExecutionCompleted complete = new ExecutionCompleted(execution.schemaVersion(), execution.itemId(),
                execution.runId(), g, execution.outcome(), tests, execution.signals(), execution.staticAnalysis(),
                execution.isolation(), execution.durationSeconds(), execution.occurredAt());
        FailureClassifier.Classification failure = FailureClassifier.classify(complete);
        boolean allPassed = failure.primary() == FailureCategory.NONE;
        double weighted = WeightedAccuracy.of(tests, NOTHING_LOADED.contains(execution.outcome()));
        return build(g, allPassed, passed, tests, weighted, failure.primary(), failure.secondary(),
                metrics(complete), now);
    }

    /**
     * The item's named measures (ItemMetrics): the static analysers' quality signals and the answer's similarity to
     * the task's reference solution.
     */
    static Map<String, Double> metrics(ExecutionCompleted execution) {
        GenerationCompleted g = execution.generation();
        String language = g == null || g.task() == null ? null : g.task().language();
        Map<String, Double> metrics = new LinkedHashMap<>(QualitySignals.of(execution.staticAnalysis(), language));
        if (g != null && g.task() != null) {
            metrics.putAll(Similarity.of(g.code(), g.task().reference()));
        }
        return metrics;
    }

    /**
     * A generation that was not executed: the provider failed, so every test counts as failed and the item is a
     * provider error (never silently dropped from the denominator).
     */
    public static ItemScored scoreUnexecuted(GenerationCompleted g, Instant now) {
        List<TestResult> tests = completeResults(g, List.of());
        FailureCategory failure = g.error() != null ? FailureCategory.PROVIDER_ERROR : FailureCategory.PIPELINE_ERROR;
        return build(g, false, 0, tests, WeightedAccuracy.of(tests), failure, List.of(), Map.of(), now);
    }

    /** One result per test of the task: tests the sandbox did not report are added as not run. */
    static List<TestResult> completeResults(GenerationCompleted g, List<TestResult> reported) {
        List<TestResult> results = new ArrayList<>(reported == null ? List.of() : reported);
        if (g.task() == null) {
            return results;
        }
        for (int i = results.size(); i < g.task().tests().size(); i++) {
            var test = g.task().tests().get(i);
            results.add(new TestResult(test.name(), TestResult.NOT_RUN, test.edge(), null, null, 0));
        }
        return results;
    }

    private static ItemScored build(GenerationCompleted g, boolean passed, int testsPassed, List<TestResult> tests,
            double weighted, FailureCategory failure, List<FailureCategory> secondary, Map<String, Double> metrics,
            Instant now) {
        String output = g.output();
        if (output != null && output.length() > MAX_OUTPUT_CHARS) {
            output = output.substring(0, MAX_OUTPUT_CHARS);
        }
        return new ItemScored(ItemScored.SCHEMA_VERSION, g.itemId(), g.runId(), g.suite(), g.suiteVersion(),
                g.task() == null ? null : g.task().id(), g.task() == null ? null : g.task().category(), g.model(),
                g.sample(), g.variant(), passed, testsPassed, tests.size(),
                tests.isEmpty() ? 0.0 : (double) testsPassed / tests.size(), weighted, failure, secondary, metrics,
                g.attempts(), tests, output,
                g.codeFormat(), g.timings() == null ? Timings.none() : g.timings(),
                g.usage() == null ? Usage.zero() : g.usage(), g.costUsd(), g.provenance(), g.dispatchedAt(), now,
                g.task() == null ? null : g.task().kind());
    }
}
