package io.evalwatch.scoring.kind;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.TestResult;
import io.evalwatch.scoring.score.FailureClassifier;
import io.evalwatch.scoring.score.QualitySignals;
import io.evalwatch.scoring.score.WeightedAccuracy;
import io.evalwatch.scoring.similarity.Similarity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generation: the sandbox ran the task's tests against the answer. Passed when every test passed; weighted accuracy
 * (-1..1, {@link WeightedAccuracy}); the failure taxonomy of {@link FailureClassifier}; the static analysers'
 * quality measures and the similarity to the reference solution.
 */
public class GenerationScorer implements KindScorer {

    /** Outcomes in which the answer's code never loaded: its tests never had a chance to run. */
    static final Set<String> NOTHING_LOADED = Set.of(Outcomes.SYNTAX_ERROR, Outcomes.NO_CODE,
            Outcomes.MISSING_ENTRY_POINT, Outcomes.LOAD_ERROR);

    @Override
    public KindVerdict score(GenerationCompleted g, ExecutionCompleted execution) {
        if (execution == null) {
            // an executable answer that never reached the sandbox: the pipeline lost it, every test counts as failed
            List<TestResult> tests = completeResults(g, List.of());
            return new KindVerdict(false, tests, WeightedAccuracy.of(tests), FailureCategory.PIPELINE_ERROR,
                    List.of(), Map.of());
        }
        List<TestResult> tests = completeResults(g, execution.tests());
        ExecutionCompleted complete = new ExecutionCompleted(execution.schemaVersion(), execution.itemId(),
                execution.runId(), g, execution.outcome(), tests, execution.signals(), execution.staticAnalysis(),
                execution.isolation(), execution.durationSeconds(), execution.occurredAt());
        FailureClassifier.Classification failure = FailureClassifier.classify(complete);
        boolean allPassed = failure.primary() == FailureCategory.NONE;
        double weighted = WeightedAccuracy.of(tests, NOTHING_LOADED.contains(execution.outcome()));
        return new KindVerdict(allPassed, tests, weighted, failure.primary(), failure.secondary(), metrics(complete));
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

    /** One result per test of the task: tests the sandbox did not report are added as not run. */
    public static List<TestResult> completeResults(GenerationCompleted g, List<TestResult> reported) {
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
}
