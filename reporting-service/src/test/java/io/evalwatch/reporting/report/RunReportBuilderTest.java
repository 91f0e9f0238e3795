package io.evalwatch.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ItemMetrics;
import io.evalwatch.reporting.composite.CompositePart;
import io.evalwatch.reporting.composite.CompositeWeights;
import io.evalwatch.reporting.ledger.ItemJudgement;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportBuilderTest {

    @Test
    void summarisesEachModelWithPassAtKFailureMixLatencyAndCost() {
        List<ItemResult> items = new ArrayList<>();
        // model a: task x passes 2 of 3 samples, task y 0 of 3
        items.add(item("a", "x", "lists", 0, true, "none", 0.1, 0.02));
        items.add(item("a", "x", "lists", 1, true, "none", 0.2, 0.02));
        items.add(item("a", "x", "lists", 2, false, "edge_case_failure", 0.3, 0.02));
        items.add(item("a", "y", "strings", 0, false, "wrong_answer", 0.4, 0.02));
        items.add(item("a", "y", "strings", 1, false, "wrong_answer", 0.5, 0.02));
        items.add(item("a", "y", "strings", 2, false, "syntax_error", null, 0.02));
        items.add(item("b", "x", "lists", 0, true, "none", 1.0, 0.5));
        RunRecord run = new RunRecord();
        run.runId = "r";
        run.expectedItems = 8;
        ItemResult errored = item(null, null, null, 0, false, "pipeline_error", null, 0);
        errored.errored = true;
        items.add(errored);

        RunReport report = RunReportBuilder.build(run, items);

        assertEquals(7, report.scoredItems());
        assertEquals(1, report.erroredItems());
        RunReport.ModelReport a = report.models().get(0);
        assertEquals("a", a.model());
        assertEquals(6, a.items());
        assertEquals(2.0 / 6, a.passAt1(), 1e-12);
        // pass@3: task x has a pass among its 3 samples (1.0), task y does not (0.0)
        assertEquals(0.5, a.passAtK().get("pass@3"), 1e-12);
        assertEquals(Map.of("none", 2L, "edge_case_failure", 1L, "wrong_answer", 2L, "syntax_error", 1L), a.failureMix());
        assertEquals(0.3, a.latency().ttftP50(), 1e-12);
        assertEquals(0.12, a.cost().totalUsd(), 1e-12);
        assertEquals(0.06, a.cost().perPassedTaskUsd(), 1e-12);
        assertEquals(2, a.categories().size());
        assertEquals(2.0 / 3, a.categories().get(0).passAt1(), 1e-12);
        assertEquals(0.0, a.categories().get(1).passAt1(), 1e-12);
    }

    /** Four items of model m: two analysed in lists, two in strings (one with no measures at all). */
    static List<ItemResult> measured() {
        ItemResult a = item("m", "x", "lists", 0, true, "none", 0.1, 0.01);
        a.metrics = Map.of(ItemMetrics.TYPE_ERRORS, 0.0, ItemMetrics.SECURITY_FINDINGS, 1.0,
                ItemMetrics.COMPLEXITY, 4.0, ItemMetrics.COMPLEXITY_DELTA, -1.0, ItemMetrics.CHRF, 80.0);
        a.attempts = 1;
        a.interTokenP50Seconds = 0.01;
        a.interTokenP95Seconds = 0.05;
        ItemResult b = item("m", "y", "lists", 0, false, "wrong_answer", 0.2, 0.01);
        b.metrics = Map.of(ItemMetrics.TYPE_ERRORS, 2.0, ItemMetrics.SECURITY_FINDINGS, 0.0,
                ItemMetrics.COMPLEXITY, 6.0, ItemMetrics.COMPLEXITY_DELTA, 1.0, ItemMetrics.CHRF, 40.0);
        b.secondaryCategories = List.of("context_drift", "boundary_failure");
        b.attempts = 3;
        b.interTokenP50Seconds = 0.03;
        b.interTokenP95Seconds = 0.2;
        ItemResult c = item("m", "z", "strings", 0, false, "syntax_error", 0.3, 0.01);
        c.secondaryCategories = List.of("context_drift");
        ItemResult d = item("m", "w", "strings", 0, true, "none", 0.4, 0.01);
        d.metrics = Map.of(ItemMetrics.TYPE_ERRORS, 0.0, ItemMetrics.CHRF, 100.0);
        d.attempts = 2;
        d.interTokenP50Seconds = 0.02;
        d.interTokenP95Seconds = 0.1;
        return List.of(a, b, c, d);
    }

    static RunReport measuredReport(Map<String, Double> humanAcceptRates) {
        RunRecord run = new RunRecord();
        run.runId = "r";
        run.suite = "s";
        return RunReportBuilder.build(run, measured(), CompositeWeights.DEFAULTS, humanAcceptRates);
    }

    @Test
    void showsTheCompositeWithItsPartsAndTheMissingOnes() {
        RunReport.ModelReport m = measuredReport(null).models().get(0);
        // pass 2/4, no type error 2/3, no finding 1/2, no more complex 1/2; no reviews
        assertEquals((0.4 * 0.5 + 0.2 * 2 / 3 + 0.2 * 0.5 + 0.1 * 0.5) / 0.9, m.composite().value(), 1e-12);
        assertEquals(List.of(CompositePart.HUMAN_ACCEPT_RATE), m.composite().missing());

        RunReport.ModelReport reviewed = measuredReport(Map.of("m", 0.9)).models().get(0);
        assertEquals(0.4 * 0.5 + 0.2 * 2 / 3 + 0.2 * 0.5 + 0.1 * 0.5 + 0.1 * 0.9, reviewed.composite().value(), 1e-12);
        assertTrue(reviewed.composite().missing().isEmpty());
    }

    @Test
    void countsSecondaryCategoriesApartFromThePrimaryMix() {
        RunReport.ModelReport m = measuredReport(null).models().get(0);
        assertEquals(Map.of("none", 2L, "wrong_answer", 1L, "syntax_error", 1L), m.failureMix());
        assertEquals(Map.of("context_drift", 2L, "boundary_failure", 1L), m.secondaryFailureMix());
    }

    @Test
    void summarisesEachMeasureAsADistributionOverTheItemsThatHaveIt() {
        RunReport.ModelReport m = measuredReport(null).models().get(0);
        assertEquals(List.of(ItemMetrics.COMPLEXITY, ItemMetrics.COMPLEXITY_DELTA, ItemMetrics.SECURITY_FINDINGS,
                ItemMetrics.TYPE_ERRORS, ItemMetrics.CHRF), List.copyOf(m.quality().keySet()));

        RunReport.MetricSummary typeErrors = m.quality().get(ItemMetrics.TYPE_ERRORS);
        assertEquals(3, typeErrors.n());
        assertEquals(2.0 / 3, typeErrors.mean(), 1e-12);
        assertEquals(0.0, typeErrors.p50());
        assertEquals(2.0, typeErrors.max());
        assertEquals(1.0 / 3, typeErrors.nonZeroShare(), 1e-12);
        assertTrue(typeErrors.p90() > 0 && typeErrors.p90() <= 2.0, "p90 " + typeErrors.p90());

        RunReport.MetricSummary chrf = m.quality().get(ItemMetrics.CHRF);
        assertEquals(3, chrf.n());
        assertEquals(80.0, chrf.p50());
        assertEquals(100.0, chrf.max());
        assertTrue(chrf.p90() > 80 && chrf.p90() <= 100, "p90 " + chrf.p90());
        assertNull(chrf.nonZeroShare(), "similarity is not a count");
        assertNull(m.quality().get(ItemMetrics.COMPLEXITY).nonZeroShare(), "complexity is not a count");
        assertEquals(0.5, m.quality().get(ItemMetrics.SECURITY_FINDINGS).nonZeroShare(), 1e-12);
    }

    @Test
    void summarisesQualityPerCategory() {
        RunReport.ModelReport m = measuredReport(null).models().get(0);
        RunReport.CategoryReport lists = m.categories().get(0);
        RunReport.CategoryReport strings = m.categories().get(1);
        assertEquals("lists", lists.category());
        assertEquals(2, lists.quality().get(ItemMetrics.TYPE_ERRORS).n());
        assertEquals(1.0, lists.quality().get(ItemMetrics.TYPE_ERRORS).mean(), 1e-12);
        assertEquals("strings", strings.category());
        assertEquals(List.of(ItemMetrics.TYPE_ERRORS, ItemMetrics.CHRF), List.copyOf(strings.quality().keySet()));
        assertEquals(0.0, strings.quality().get(ItemMetrics.TYPE_ERRORS).nonZeroShare());
    }

    @Test
    void countsRetriesOverTheItemsThatRecordedAttemptsAndTakesInterTokenPercentiles() {
        RunReport.ModelReport m = measuredReport(null).models().get(0);
        assertEquals(new RunReport.Retries(3, 6, 2, 2.0), m.retries());
        // the median of the items' median gaps; the p95 of their p95 gaps lies within the items' tails
        assertEquals(0.02, m.latency().interTokenP50(), 1e-12);
        assertTrue(m.latency().interTokenP95() > 0.1 && m.latency().interTokenP95() <= 0.2,
                "p95 " + m.latency().interTokenP95());
    }

    @Test
    void aModelWithoutMeasuresOrAttemptsHasEmptySections() {
        RunReport.ModelReport m = RunReportBuilder.model("old", List.of(item("old", "x", "c", 0, true, "none", 0.1, 0)));
        assertTrue(m.quality().isEmpty());
        assertTrue(m.secondaryFailureMix().isEmpty());
        assertEquals(new RunReport.Retries(0, 0, 0, null), m.retries());
        assertNull(m.latency().interTokenP50());
        assertEquals(1.0, m.composite().value(), 1e-12);
    }

    @Test
    void theJudgeSectionGivesMeanDistributionAndAgreementWithTheTestsOverScoredVerdicts() {
        List<ItemResult> items = new ArrayList<>();
        Map<String, ItemJudgement> judgements = new java.util.HashMap<>();
        // (passed, judge score): agree, agree, disagree, agree, disagree; then an unscored reply, an unjudged item
        Object[][] graded = {{true, 5}, {true, 4}, {true, 2}, {false, 1}, {false, 4}, {false, null}, {false, "none"}};
        for (int n = 0; n < graded.length; n++) {
            ItemResult i = item("a", "t" + n, "c", 0, (Boolean) graded[n][0], "none", null, 0.01);
            items.add(i);
            if (!"none".equals(graded[n][1])) {
                judgements.put(i.itemId, judgement(i.itemId, (Integer) graded[n][1]));
            }
        }
        ItemResult errored = item("a", "e", "c", 0, false, "pipeline_error", null, 0);
        errored.errored = true;
        items.add(errored);
        judgements.put(errored.itemId, judgement(errored.itemId, 3)); // graded, but it has no verdict to agree with
        judgements.put("r/stored-later/a/0/base", judgement("r/stored-later/a/0/base", 5)); // its item not stored yet
        items.add(item("b", "x", "c", 0, true, "none", null, 0));

        RunReport report = RunReportBuilder.build(new RunRecord(), items, CompositeWeights.DEFAULTS, null, judgements);
        RunReport.JudgeReport j = report.models().get(0).judge();

        assertEquals(List.of("sim-judge"), j.judgeModels());
        assertEquals(7, j.itemsJudged());
        assertEquals(1, j.unscored());
        assertEquals(19 / 6.0, j.meanScore(), 1e-12);
        assertEquals(Map.of("1", 1L, "2", 1L, "3", 1L, "4", 2L, "5", 1L), j.distribution());
        assertEquals(5, j.compared());
        assertEquals(0.6, j.agreement(), 1e-12);
        // 2x2: both yes 2, judge only 1, tests only 1, both no 1: po 0.6, pe 0.6*0.6 + 0.4*0.4 = 0.52
        assertEquals((0.6 - 0.52) / (1 - 0.52), j.kappa(), 1e-12);
        assertEquals(0.007, j.costUsd(), 1e-12);
        assertNull(report.models().get(1).judge(), "a model nobody judged has no judge section");
        assertEquals(false, items.get(4).passed, "the judge's 4 does not make a failed item pass");
    }

    @Test
    void aKappaThatCannotBeDefinedSaysWhy() {
        ItemResult a = item("a", "x", "c", 0, true, "none", null, 0);
        ItemResult b = item("a", "y", "c", 0, true, "none", null, 0);
        RunReport.JudgeReport j = RunReportBuilder.judge(List.of(a, b),
                Map.of(a.itemId, judgement(a.itemId, 5), b.itemId, judgement(b.itemId, 4)));
        assertEquals(1.0, j.agreement(), 1e-12);
        assertNull(j.kappa());
        assertTrue(j.kappaUndefinedBecause().contains("same answer"), j.kappaUndefinedBecause());
    }

    static ItemJudgement judgement(String itemId, Integer score) {
        ItemJudgement j = new ItemJudgement();
        j.itemId = itemId;
        j.judgeModel = "sim-judge";
        j.score = score;
        j.unscoredReason = score == null ? "no 'Score: N' line" : null;
        j.costUsd = 0.001;
        return j;
    }

    @Test
    void qualityIsSummarisedPerTaskKindAndTheScoreSpreadIsBinned() {
        ItemResult generation = item("m", "a", "lists", 0, true, "none", 0.2, 0.01);
        generation.kind = "generation";
        generation.metrics = java.util.Map.of("quality.type_errors", 2.0);
        ItemResult completion = item("m", "b", "lists", 0, false, "wrong_answer", 0.2, 0.01);
        completion.kind = "completion";
        completion.metrics = java.util.Map.of("quality.type_errors", 0.0);
        RunReport.ModelReport m = RunReportBuilder.model("m", java.util.List.of(generation, completion));

        assertEquals(java.util.Set.of("generation", "completion"), m.qualityByKind().keySet());
        assertEquals(2.0, m.qualityByKind().get("generation").get("quality.type_errors").mean(), 1e-12);
        assertEquals(0.0, m.qualityByKind().get("completion").get("quality.type_errors").max(), 1e-12);
        // one item at 1, one at -1
        assertEquals(1L, m.weightedAccuracyDistribution().histogram().get("1"));
        assertEquals(1L, m.weightedAccuracyDistribution().histogram().get("-1"));
        assertEquals(-1.0, m.weightedAccuracyDistribution().min(), 1e-12);
    }

    @Test
    void theModelFiguresAreBasesAndVariantsAreComparedBesideThem() {
        RunRecord run = new RunRecord();
        run.runId = "r";
        run.suite = "s";
        run.suiteVersion = "1";
        List<ItemResult> base = new ArrayList<>();
        List<ItemResult> all = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            base.add(item("m", "t" + t, "c", 0, t < 8, t < 8 ? "none" : "wrong_answer", 0.2, 0.001));
            ItemResult fewShot = item("m", "t" + t, "c", 0, t < 18, t < 18 ? "none" : "wrong_answer", 0.25, 0.004);
            fewShot.variant = "few-shot";
            fewShot.itemId = "r/t" + t + "/m/0/few-shot";
            all.add(fewShot);
        }
        all.addAll(base);

        RunReport mixed = RunReportBuilder.build(run, all);
        RunReport plain = RunReportBuilder.build(run, base);

        assertEquals(plain.models(), mixed.models());
        assertTrue(plain.variants().isEmpty());
        RunReport.ModelVariants m = mixed.variants().get(0);
        assertEquals(List.of("base", "few-shot"), m.variants().stream().map(RunReport.VariantFigures::variant).toList());
        RunReport.VariantFigures few = m.variants().get(1);
        assertEquals(0.9, few.passRate(), 1e-12);
        assertEquals(0.004, few.costPerCompletedTaskUsd(), 1e-12);
        assertEquals(0.25, few.ttftChange(), 1e-9);
        assertEquals("few-shot", m.comparisons().get(0).winner());
        assertTrue(m.comparisons().get(0).promptingProblem().startsWith("few-shot cuts the error rate by 83 %"));
    }

    static ItemResult item(String model, String task, String category, int sample, boolean passed, String failure,
            Double ttft, double cost) {
        ItemResult i = new ItemResult();
        i.itemId = "r/" + task + "/" + model + "/" + sample + "/base";
        i.model = model;
        i.taskId = task;
        i.category = category;
        i.sample = sample;
        i.passed = passed;
        i.failureCategory = failure;
        i.ttftSeconds = ttft;
        i.costUsd = cost;
        i.weightedAccuracy = passed ? 1.0 : -1.0;
        return i;
    }
}
