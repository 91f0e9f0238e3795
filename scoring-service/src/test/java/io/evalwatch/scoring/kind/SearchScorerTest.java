package io.evalwatch.scoring.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import io.evalwatch.events.work.GoldLocation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchScorerTest {

    static final GoldLocation VAT = new GoldLocation("shopfront/billing/tax.py", "vat_for_order");
    static final GoldLocation RATES = new GoldLocation("shopfront/billing/rates.py", "rate_for");
    /** log2(2) = 1, log2(3) = 1.5849625, log2(4) = 2. */
    static final double LOG2_3 = Math.log(3) / Math.log(2);
    /** Ideal DCG of two gold locations: 1/log2(2) + 1/log2(3) = 1 + 0.6309298 = 1.6309298. */
    static final double IDEAL_2 = 1 + 1 / LOG2_3;

    static TaskSpec task(GoldLocation... gold) {
        return new TaskSpec("vat", "search", TaskKind.SEARCH, "python", "Where is VAT computed?", null, List.of(), 0,
                List.of("domain:shop"), null, null, null, List.of(), null, List.of(), List.of(gold), 1);
    }

    static KindVerdict score(TaskSpec task, String output) {
        return new SearchScorer().score(new GenerationCompleted(1, "r/vat/m/0/base", "r", "golden", "1.0.0", "m", 0,
                "base", task, output, null, "none", Timings.none(), new Usage(1, 1), 0, null, null, 1, Instant.EPOCH,
                Instant.EPOCH), null);
    }

    @Test
    void bothGoldLocationsInTheOtherOrderStillScorePerfectly() {
        // ranks: 1 exact (rates), 2 exact (tax); DCG = 1/1 + 1/log2(3) = IDEAL_2, nDCG 1
        KindVerdict v = score(task(VAT, RATES), "[{\"file\": \"shopfront/billing/rates.py\", \"symbol\": \"rate_for\"},"
                + " {\"file\": \"shopfront/billing/tax.py\", \"symbol\": \"vat_for_order\"}]");
        Map<String, Double> m = v.metrics();
        assertEquals(1.0, m.get(ItemMetrics.SEARCH_MRR));
        assertEquals(1.0, m.get(ItemMetrics.SEARCH_NDCG_AT_5), 1e-12);
        assertEquals(1.0, m.get(ItemMetrics.SEARCH_PRECISION_AT_1));
        assertEquals(2.0 / 5, m.get(ItemMetrics.SEARCH_PRECISION_AT_5), 1e-12);
        assertEquals(1.0, m.get(ItemMetrics.SEARCH_RECALL_AT_5), 1e-12);
        assertEquals(1.0, m.get(ItemMetrics.SEARCH_EXACT_HIT));
        assertEquals(0.0, m.get(ItemMetrics.SEARCH_NEAR_MISS));
        assertEquals(2.0, m.get(ItemMetrics.SEARCH_ANSWERS));
        assertTrue(v.passed());
        assertEquals(FailureCategory.NONE, v.failure());
        assertEquals(1.0, v.weighted(), 1e-12);
    }

    @Test
    void aMissThenTheSecondGold() {
        // ranks: 1 miss, 2 exact; MRR 1/2; DCG = 1/log2(3) = 0.6309298; nDCG = 0.6309298 / 1.6309298 = 0.3868528
        KindVerdict v = score(task(VAT, RATES), "[\"shopfront/cart.py:total\", \"shopfront/billing/rates.py::rate_for\"]");
        Map<String, Double> m = v.metrics();
        assertEquals(0.5, m.get(ItemMetrics.SEARCH_MRR));
        assertEquals((1 / LOG2_3) / IDEAL_2, m.get(ItemMetrics.SEARCH_NDCG_AT_5), 1e-12);
        assertEquals(0.3868528, m.get(ItemMetrics.SEARCH_NDCG_AT_5), 1e-7);
        assertEquals(0.0, m.get(ItemMetrics.SEARCH_PRECISION_AT_1));
        assertEquals(1.0 / 5, m.get(ItemMetrics.SEARCH_PRECISION_AT_5), 1e-12);
        assertEquals(1.0 / 2, m.get(ItemMetrics.SEARCH_RECALL_AT_5), 1e-12);
        assertFalse(v.passed());
        assertEquals(FailureCategory.ALMOST_CORRECT, v.failure(), "an exact hit within the first 5");
    }

    @Test
    void aNearMissFirstGainsHalfWhenItsGoldIsNotHitExactly() {
        // one gold; rank 1 is its file with another symbol: gain 0.5 / log2(2) = 0.5, ideal 1: nDCG 0.5, MRR 0
        KindVerdict v = score(task(VAT), "[{\"file\": \"shopfront/billing/tax.py\", \"symbol\": \"compute_vat\"}]");
        assertEquals(0.5, v.metrics().get(ItemMetrics.SEARCH_NDCG_AT_5), 1e-12);
        assertEquals(0.0, v.metrics().get(ItemMetrics.SEARCH_MRR));
        assertEquals(1.0, v.metrics().get(ItemMetrics.SEARCH_NEAR_MISS));
        assertEquals(0.0, v.metrics().get(ItemMetrics.SEARCH_EXACT_HIT));
        assertEquals(FailureCategory.ALMOST_CORRECT, v.failure(), "a near miss first");
        // the file without a symbol is a near miss too
        assertEquals(1.0, score(task(VAT), "[\"shopfront/billing/tax.py\"]").metrics().get(ItemMetrics.SEARCH_NEAR_MISS));
    }

    @Test
    void aNearMissOfAGoldHitExactlyLaterGainsNothing() {
        // ranks: 1 near miss (tax.py), 2 exact (tax.py::vat_for_order). The gold is credited once, by its exact hit:
        // DCG = 0 + 1/log2(3) = 0.6309298; ideal (one gold) 1: nDCG 0.6309298
        KindVerdict v = score(task(VAT), "[\"shopfront/billing/tax.py:compute_vat\", \"shopfront/billing/tax.py:vat_for_order\"]");
        assertEquals(1 / LOG2_3, v.metrics().get(ItemMetrics.SEARCH_NDCG_AT_5), 1e-12);
        assertEquals(0.5, v.metrics().get(ItemMetrics.SEARCH_MRR));
        assertEquals(1.0, v.metrics().get(ItemMetrics.SEARCH_NEAR_MISS));
    }

    @Test
    void aRepeatedLocationIsAMiss() {
        // ranks: 1 exact (tax), 2 the same again: miss, 3 exact (rates)
        // DCG = 1/log2(2) + 0 + 1/log2(4) = 1.5; nDCG = 1.5 / 1.6309298 = 0.9197208
        KindVerdict v = score(task(VAT, RATES), "[\"shopfront/billing/tax.py::vat_for_order\", "
                + "\"./shopfront/billing/tax.py:vat_for_order()\", \"shopfront/billing/rates.py:rate_for\"]");
        assertEquals(1.5 / IDEAL_2, v.metrics().get(ItemMetrics.SEARCH_NDCG_AT_5), 1e-12);
        assertEquals(0.9197208, v.metrics().get(ItemMetrics.SEARCH_NDCG_AT_5), 1e-7);
        assertEquals(2.0 / 5, v.metrics().get(ItemMetrics.SEARCH_PRECISION_AT_5), 1e-12);
        assertEquals(1.0, v.metrics().get(ItemMetrics.SEARCH_RECALL_AT_5), 1e-12);
        assertEquals(3.0, v.metrics().get(ItemMetrics.SEARCH_ANSWERS));
    }

    @Test
    void aGoldWithoutASymbolIsHitByItsFileOnce() {
        GoldLocation file = new GoldLocation("shopfront/billing/tax.py", null);
        // rank 1: the file (any symbol) is an exact hit; rank 2: the same file again hits no new gold (near miss, no gain)
        KindVerdict v = score(task(file), "[\"shopfront/billing/tax.py:anything\", \"shopfront/billing/tax.py:other\"]");
        assertEquals(1.0, v.metrics().get(ItemMetrics.SEARCH_NDCG_AT_5), 1e-12);
        assertEquals(1.0 / 5, v.metrics().get(ItemMetrics.SEARCH_PRECISION_AT_5), 1e-12);
        assertTrue(v.passed());
    }

    @Test
    void anExactHitBeyondRankFiveCountsOnlyInTheReciprocalRank() {
        String misses = "\"a.py\", \"b.py\", \"c.py\", \"d.py\", \"e.py\", ";
        KindVerdict v = score(task(VAT), "[" + misses + "\"shopfront/billing/tax.py::vat_for_order\"]");
        // first exact hit at rank 6: MRR 1/6; nothing in the first 5: nDCG 0, precision@5 0, recall@5 0
        assertEquals(1.0 / 6, v.metrics().get(ItemMetrics.SEARCH_MRR), 1e-12);
        assertEquals(0.0, v.metrics().get(ItemMetrics.SEARCH_NDCG_AT_5));
        assertEquals(0.0, v.metrics().get(ItemMetrics.SEARCH_RECALL_AT_5));
        assertEquals(FailureCategory.WRONG_ANSWER, v.failure());
    }

    @Test
    void anEmptyListScoresZeroAndIsAWrongAnswer() {
        KindVerdict v = score(task(VAT, RATES), "I found nothing relevant:\n```json\n[]\n```");
        assertEquals(0.0, v.metrics().get(ItemMetrics.SEARCH_MRR));
        assertEquals(0.0, v.metrics().get(ItemMetrics.SEARCH_NDCG_AT_5));
        assertEquals(0.0, v.metrics().get(ItemMetrics.SEARCH_PRECISION_AT_1));
        assertEquals(0.0, v.metrics().get(ItemMetrics.SEARCH_ANSWERS));
        assertEquals(FailureCategory.WRONG_ANSWER, v.failure());
        assertEquals(0.0, v.weighted());
    }

    @Test
    void aWrappedListAmongProseIsRead() {
        KindVerdict v = score(task(VAT), "The VAT logic lives here [most likely first]:\n"
                + "{\"locations\": [{\"path\": \"shopfront/billing/tax.py\", \"symbol\": \"vat_for_order\"}]}\nHope it helps.");
        assertTrue(v.passed());
    }

    @Test
    void malformedOrAbsentJsonIsAFormatFailureAndARefusalIsARefusal() {
        KindVerdict v = score(task(VAT), "1. shopfront/billing/tax.py (vat_for_order)");
        assertEquals(FailureCategory.FORMAT_FAILURE, v.failure());
        assertEquals(0.0, v.metrics().get(ItemMetrics.SEARCH_MRR));
        assertEquals(FailureCategory.FORMAT_FAILURE, score(task(VAT), "[{\"file\": \"shopfront/billing/tax.py\",").failure());
        assertEquals(FailureCategory.REFUSAL, score(task(VAT), "As an AI, I cannot browse repositories.").failure());
    }

    @Test
    void aRankingCutShortAfterItsFirstLocationIsAFormatFailure() {
        String cut = "[\n  {\"file\": \"shopfront/billing/tax.py\", \"symbol\": \"vat_for_order\"},\n  {\"file\": \"sho";
        assertEquals(FailureCategory.FORMAT_FAILURE, score(task(VAT), cut).failure());
    }

    @Test
    void locationsAreReadFromTheirTextForms() {
        assertEquals(new SearchAnswer.Location("a/b.py", "f"), SearchAnswer.fromText("a/b.py::f"));
        assertEquals(new SearchAnswer.Location("a/b.py", "C.m"), SearchAnswer.fromText("./a/b.py:C.m"));
        assertEquals(new SearchAnswer.Location("a/b.py", null), SearchAnswer.fromText("a/b.py"));
        assertEquals(new SearchAnswer.Location("a/b.py", null), SearchAnswer.fromText("a/b.py:12"));
    }
}
