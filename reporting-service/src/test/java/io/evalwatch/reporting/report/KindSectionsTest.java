package io.evalwatch.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.report.RunReport.KindReport;
import io.evalwatch.reporting.report.RunReport.TagReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindSectionsTest {

    private static ItemResult item(String kind, boolean passed, double weighted, Map<String, Double> metrics,
            List<String> tags) {
        ItemResult i = RunReportBuilderTest.item("m", kind + weighted, "c", 0, passed, passed ? "none" : "wrong_answer",
                null, 0);
        i.kind = kind;
        i.weightedAccuracy = weighted;
        i.metrics = metrics;
        i.tags = tags;
        return i;
    }

    @Test
    void reviewIsMicroAveragedOverallAndPerTier() {
        // task A: 2 of 3 found (tier 1: 1 of 1, tier 2: 1 of 2), 1 false positive charged to tier 2
        // task B: 0 of 1 found (tier 3), no false positive
        List<ItemResult> items = List.of(
                item("review", false, 0.667, Map.of("review.tp", 2.0, "review.fp", 1.0, "review.fn", 1.0,
                        "review.tier1.tp", 1.0, "review.tier1.fn", 0.0, "review.tier1.fp", 0.0,
                        "review.tier2.tp", 1.0, "review.tier2.fn", 1.0, "review.tier2.fp", 1.0), List.of()),
                item("review", false, 0.0, Map.of("review.tp", 0.0, "review.fp", 0.0, "review.fn", 1.0,
                        "review.tier3.tp", 0.0, "review.tier3.fn", 1.0, "review.tier3.fp", 0.0), List.of()));
        Map<String, Double> f = KindSections.of("review", items);
        // overall: tp 2, fp 1, fn 2 -> precision 2/3, recall 2/4, F1 = 2 * (2/3 * 1/2) / (2/3 + 1/2) = 4/7
        assertEquals(2.0 / 3, f.get("precision"), 1e-12);
        assertEquals(0.5, f.get("recall"), 1e-12);
        assertEquals(4.0 / 7, f.get("f1"), 1e-12);
        // tier 2: tp 1, fp 1, fn 1 -> 1/2, 1/2, 1/2
        assertEquals(0.5, f.get("tier2_precision"), 1e-12);
        assertEquals(0.5, f.get("tier2_f1"), 1e-12);
        // tier 3: tp 0, fp 0, fn 1 -> precision undefined (left out), recall 0
        assertFalse(f.containsKey("tier3_precision"));
        assertEquals(0.0, f.get("tier3_recall"), 1e-12);
        assertEquals(1.0, f.get("tier1_recall"), 1e-12);
        assertEquals(0.5, f.get("false_positives_per_task"), 1e-12);
        assertEquals(0.0, f.get("pass_rate"), 1e-12);
    }

    @Test
    void searchAndCompletionAreMeansOverTheItemsThatCarryTheMeasure() {
        Map<String, Double> search = KindSections.of("search", List.of(
                item("search", true, 1.0, Map.of("search.mrr", 1.0, "search.ndcg_at_5", 1.0), List.of()),
                item("search", false, 0.5, Map.of("search.mrr", 0.5, "search.ndcg_at_5", 0.63), List.of())));
        assertEquals(0.75, search.get("mrr"), 1e-12);
        assertEquals(0.815, search.get("ndcg_at_5"), 1e-12);
        assertEquals(0.5, search.get("pass_rate"), 1e-12);
        Map<String, Double> completion = KindSections.of("completion", List.of(
                item("completion", true, 1.0, Map.of("completion.exact_match", 1.0), List.of()),
                item("completion", false, -1.0, Map.of(), List.of())));
        assertEquals(1.0, completion.get("exact_match"), 1e-12, "the item without the measure is not a zero");
        assertEquals(0.0, completion.get("weighted_score"), 1e-12);
    }

    @Test
    void theReportHasASectionPerKindInKindOrderAndAnEntryPerTag() {
        List<ItemResult> items = List.of(
                item("search", true, 1.0, Map.of("search.mrr", 1.0), List.of("domain:shipping", "near-miss")),
                item("generation", false, -1.0, Map.of(), List.of("domain:shipping")),
                item("review", true, 1.0, Map.of("review.tp", 1.0, "review.fp", 0.0, "review.fn", 0.0),
                        List.of("security")));
        RunReport.ModelReport report = RunReportBuilder.model("m", items);
        assertEquals(List.of("generation", "review", "search"), report.kinds().stream().map(KindReport::kind).toList());
        assertEquals(1.0, report.kinds().get(2).figures().get("mrr"), 1e-12);
        assertEquals(List.of("domain:shipping", "near-miss", "security"),
                report.tags().stream().map(TagReport::tag).toList());
        TagReport shipping = report.tags().get(0);
        assertEquals(2, shipping.items());
        assertEquals(0.5, shipping.passAt1(), 1e-12);
        assertEquals(1, shipping.metrics().get("search.mrr").n());
    }
}
