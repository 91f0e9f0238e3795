package io.evalwatch.scoring.score;

import static io.evalwatch.scoring.score.WeightedAccuracyTest.fail;
import static io.evalwatch.scoring.score.WeightedAccuracyTest.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import io.evalwatch.events.work.CodeHole;
import io.evalwatch.events.work.GoldLocation;
import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.events.work.SourceFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind through ItemScorer: the kind's scorer decides, ItemScorer adds identity, kind and tags. */
class ItemScorerKindsTest {

    static final List<TestCase> TESTS = List.of(new TestCase("a", "assert apply_credit(1) == 1", false),
            new TestCase("edge", "assert apply_credit(0) == 0", true));
    static final TaskSpec COMPLETION = new TaskSpec("credit", "money", TaskKind.COMPLETION, "python", "p",
            "apply_credit", TESTS, 5, List.of("domain:billing", "money"), null, null, "    return to_cents(amount)\n",
            List.of(new SourceFile("ledgerkit/money.py", "def to_cents(value):\n    return value\n")),
            new CodeHole("ledgerkit/invoices.py", "def apply_credit(amount):\n", ""), List.of(), List.of(), 2);
    static final TaskSpec REVIEW = new TaskSpec("orders", "review", TaskKind.REVIEW, "python", "p", null, List.of(),
            0, List.of("domain:shop", "security"), null, null, null, List.of(new SourceFile("app/orders.py", "x\n")),
            null, List.of(new KnownFinding("app/orders.py", 12, 14, 1, "sql_injection", "high", "n")), List.of(), 1);
    static final TaskSpec SEARCH = new TaskSpec("vat", "search", TaskKind.SEARCH, "python", "p", null, List.of(), 0,
            List.of("domain:shop"), null, null, null, List.of(), null, List.of(),
            List.of(new GoldLocation("shopfront/billing/tax.py", "vat_for_order")), 1);

    static GenerationCompleted answer(TaskSpec task, String output, String code, GenerationError error) {
        return new GenerationCompleted(1, "r/" + task.id() + "/m/0/base", "r", "golden", "1.0.0", "m", 0, "base", task,
                output, code, "fenced", Timings.none(), new Usage(10, 20), 0.02, null, error, 1, Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void aCompletionHasGenerationsVerdictAndTheCompletionMeasures() {
        GenerationCompleted g = answer(COMPLETION, "out", "    return helper(amount)\n", null);
        ItemScored s = ItemScorer.score(new ExecutionCompleted(1, g.itemId(), "r", g, Outcomes.COMPLETED,
                List.of(pass("a", false), fail("edge", true, TestResult.FAILED)), List.of(), Map.of(), "bwrap", 0,
                Instant.EPOCH), Instant.EPOCH);

        assertEquals(FailureCategory.ALMOST_CORRECT, s.failureCategory());
        assertEquals((1 - 0.5) / 2, s.weightedAccuracy(), 1e-12);
        assertEquals(TaskKind.COMPLETION, s.kind());
        assertEquals(List.of("domain:billing", "money"), s.tags());
        // helper is defined nowhere: 1 invented; identifiers {helper, amount} vs {to_cents, amount}: P 1/2, R 1/2
        assertEquals(1.0, s.metrics().get(ItemMetrics.COMPLETION_INVENTED_IDENTIFIERS));
        assertEquals(0.5, s.metrics().get(ItemMetrics.COMPLETION_IDENTIFIER_PRECISION), 1e-12);
        assertEquals(0.5, s.metrics().get(ItemMetrics.COMPLETION_IDENTIFIER_F1), 1e-12);
        assertTrue(s.metrics().containsKey(ItemMetrics.CHRF), "the similarity measures stay");
    }

    @Test
    void aReviewIsScoredFromItsAnswerWithoutExecution() {
        ItemScored s = ItemScorer.scoreUnexecuted(answer(REVIEW,
                "[{\"file\": \"app/orders.py\", \"line\": 13, \"category\": \"sql_injection\"}]", "", null),
                Instant.EPOCH);

        assertTrue(s.passed());
        assertEquals(FailureCategory.NONE, s.failureCategory());
        assertEquals(1.0, s.weightedAccuracy(), 1e-12);
        assertEquals(0, s.testsTotal());
        assertEquals(TaskKind.REVIEW, s.kind());
        assertEquals(List.of("domain:shop", "security"), s.tags());
        assertEquals(1.0, s.metrics().get("review.tier1.tp"));
    }

    @Test
    void aSearchIsScoredFromItsAnswerWithoutExecution() {
        ItemScored s = ItemScorer.scoreUnexecuted(answer(SEARCH, "[\"shopfront/billing/tax.py\"]", null, null),
                Instant.EPOCH);

        assertFalse(s.passed());
        assertEquals(FailureCategory.ALMOST_CORRECT, s.failureCategory());
        assertEquals(0.5, s.weightedAccuracy(), 1e-12); // a near miss first: gain 0.5 at rank 1, ideal 1
        assertEquals(TaskKind.SEARCH, s.kind());
    }

    @Test
    void aProviderFailureIsAProviderErrorWhateverTheKind() {
        GenerationError error = new GenerationError("timeout", "no answer", null, 3);
        for (TaskSpec task : List.of(COMPLETION, REVIEW, SEARCH)) {
            ItemScored s = ItemScorer.scoreUnexecuted(answer(task, null, null, error), Instant.EPOCH);
            assertEquals(FailureCategory.PROVIDER_ERROR, s.failureCategory(), task.kind().name());
            assertEquals(Map.of(), s.metrics());
        }
    }

    @Test
    void anExecutableAnswerThatArrivesUnexecutedIsAPipelineError() {
        ItemScored completion = ItemScorer.scoreUnexecuted(answer(COMPLETION, "out", "code", null), Instant.EPOCH);
        assertEquals(FailureCategory.PIPELINE_ERROR, completion.failureCategory());
        assertEquals(2, completion.testsTotal());
        ItemScored generation = ItemScorer.scoreUnexecuted(ItemScorerTest.generation(null), Instant.EPOCH);
        assertEquals(FailureCategory.PIPELINE_ERROR, generation.failureCategory());
        assertEquals(TaskKind.GENERATION, generation.kind());
    }

    @Test
    void mistakeCountsAreTheMeasuresWhereLowerIsBetter() {
        for (String lower : List.of(ItemMetrics.REVIEW_FP, ItemMetrics.REVIEW_FN, ItemMetrics.REVIEW_FALSE_POSITIVES,
                ItemMetrics.REVIEW_UNPARSABLE_FINDINGS, ItemMetrics.COMPLETION_INVENTED_IDENTIFIERS,
                ItemMetrics.TYPE_ERRORS, "review.tier2.fp", "review.tier3.fn")) {
            assertTrue(ItemMetrics.lowerIsBetter(lower), lower);
        }
        for (String higher : List.of(ItemMetrics.REVIEW_TP, ItemMetrics.REVIEW_F1, ItemMetrics.SEARCH_MRR,
                ItemMetrics.SEARCH_NDCG_AT_5, ItemMetrics.COMPLETION_EDIT_SIMILARITY, ItemMetrics.CHRF,
                "review.tier1.tp")) {
            assertFalse(ItemMetrics.lowerIsBetter(higher), higher);
        }
    }
}
