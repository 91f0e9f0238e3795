package io.evalwatch.scoring.score;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestResult;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import io.evalwatch.scoring.kind.GenerationScorer;
import io.evalwatch.scoring.kind.KindScorers;
import io.evalwatch.scoring.kind.KindVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns an executed item, or an answer that is not executed, into its score: the task's kind chooses the scorer
 * ({@link KindScorers}); this class adds what every kind shares (provider errors, identity, usage, the task's tags).
 * Pure.
 */
public final class ItemScorer {

    /** Outputs are stored for before/after comparisons in reports; beyond this they are cut. */
    static final int MAX_OUTPUT_CHARS = 20_000;

    private ItemScorer() {
    }

    /** An item the sandbox executed (generation, completion), scored by its kind's scorer. */
    public static ItemScored score(ExecutionCompleted execution, Instant now) {
        GenerationCompleted g = execution.generation();
        return build(g, KindScorers.of(kind(g)).score(g, execution), now);
    }

    /**
     * An item that was not executed. The provider failed: every test counts as failed and the item is a provider
     * error (never silently dropped from the denominator), whatever its kind. Otherwise its kind's scorer decides:
     * review and search are scored from the answer; a generation or completion answer that arrives here without an
     * error never reached the sandbox, a pipeline error.
     */
    public static ItemScored scoreUnexecuted(GenerationCompleted g, Instant now) {
        if (g.error() != null) {
            List<TestResult> tests = GenerationScorer.completeResults(g, List.of());
            return build(g, new KindVerdict(false, tests, WeightedAccuracy.of(tests), FailureCategory.PROVIDER_ERROR,
                    List.of(), Map.of()), now);
        }
        return build(g, KindScorers.of(kind(g)).score(g, null), now);
    }

    private static TaskKind kind(GenerationCompleted g) {
        return g.task() == null ? TaskKind.GENERATION : g.task().kind();
    }

    private static ItemScored build(GenerationCompleted g, KindVerdict verdict, Instant now) {
        String output = g.output();
        if (output != null && output.length() > MAX_OUTPUT_CHARS) {
            output = output.substring(0, MAX_OUTPUT_CHARS);
        }
        List<TestResult> tests = verdict.tests();
        int testsPassed = verdict.testsPassed();
        TaskSpec task = g.task();
        return new ItemScored(ItemScored.SCHEMA_VERSION, g.itemId(), g.runId(), g.suite(), g.suiteVersion(),
                task == null ? null : task.id(), task == null ? null : task.category(), g.model(),
                g.sample(), g.variant(), verdict.passed(), testsPassed, tests.size(),
                tests.isEmpty() ? 0.0 : (double) testsPassed / tests.size(), verdict.weighted(), verdict.failure(),
                verdict.secondary(), verdict.metrics(), g.attempts(), tests, output,
                g.codeFormat(), g.timings() == null ? Timings.none() : g.timings(),
                g.usage() == null ? Usage.zero() : g.usage(), g.costUsd(), g.provenance(), g.dispatchedAt(), now,
                task == null ? null : task.kind(), task == null ? List.of() : task.tags());
    }
}
