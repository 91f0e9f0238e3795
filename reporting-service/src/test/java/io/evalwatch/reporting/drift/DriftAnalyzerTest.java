package io.evalwatch.reporting.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.DriftAlert.Signals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DriftAnalyzerTest {

    private static final List<String> CATEGORIES = List.of("lists", "math", "parsing", "strings", "dates");
    private static final DriftPolicy POLICY = DriftPolicy.defaults();

    /** 50 tasks x 3 samples; pair index i = task * 3 + sample; passed(i) decides the outcome. */
    private static RunSample run(String id, IntPredicate passed, IntFunction<String> category,
            UnaryOperator<ItemOutcome> tweak) {
        List<ItemOutcome> items = new ArrayList<>();
        for (int task = 0; task < 50; task++) {
            for (int sample = 0; sample < 3; sample++) {
                int i = task * 3 + sample;
                boolean ok = passed.test(i);
                ItemOutcome item = new ItemOutcome(String.format("task-%02d", task), sample, category.apply(task), ok,
                        ok ? 1.0 : -0.2 + 0.01 * (i % 7), 0.20 + 0.01 * (i % 17), 1.5 + 0.05 * (i % 13),
                        0.001 + 0.0001 * (task % 5), 100 + (i % 23), "fenced", "fp_a", "model-2025-01", "h" + id + i,
                        null);
                items.add(tweak.apply(item));
            }
        }
        return new RunSample(id, "m", "1.0.0", items);
    }

    private static RunSample run(String id, IntPredicate passed) {
        return run(id, passed, t -> CATEGORIES.get(t % CATEGORIES.size()), UnaryOperator.identity());
    }

    private static RunSample run(String id, IntPredicate passed, UnaryOperator<ItemOutcome> tweak) {
        return run(id, passed, t -> CATEGORIES.get(t % CATEGORIES.size()), tweak);
    }

    private static final IntPredicate EIGHTY_PERCENT = i -> i % 10 < 8;

    @Test
    void identicalRunsGiveNoFindings() {
        DriftAnalysis analysis = DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT), run("c", EIGHTY_PERCENT), POLICY);

        assertTrue(analysis.findings().isEmpty(), analysis.findings().toString());
        assertFalse(analysis.regressed());
        assertTrue(analysis.comparisons().stream().allMatch(c -> c.verdict().equals(Comparison.UNCHANGED)),
                analysis.comparisons().toString());
        assertEquals(150, analysis.summary().get("pairs"));
    }

    @Test
    void aClearDropIsACriticalRegressionWithReadableEvidence() {
        // 0.80 -> 0.50: 45 pairs got worse, none better
        DriftAnalysis analysis = DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT), run("c", i -> i % 10 < 5), POLICY);

        assertTrue(analysis.regressed());
        Finding overall = analysis.findings(Signals.REGRESSION).stream().filter(f -> f.scope().equals("all"))
                .findFirst().orElseThrow();
        assertEquals(Finding.CRITICAL, overall.severity());
        @SuppressWarnings("unchecked")
        Map<String, Object> passRate = (Map<String, Object>) overall.evidence().get("passRate");
        assertEquals(0.8, ((Number) passRate.get("baseline")).doubleValue(), 1e-9);
        assertEquals(0.5, ((Number) passRate.get("candidate")).doubleValue(), 1e-9);
        assertEquals(150, ((Number) passRate.get("pairs")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> discordant = (Map<String, Object>) passRate.get("discordant");
        assertEquals(45, ((Number) discordant.get("worse")).intValue());
        assertEquals(0, ((Number) discordant.get("better")).intValue());
        assertEquals(2, ((List<?>) passRate.get("ci")).size());
        assertTrue(((Number) passRate.get("p")).doubleValue() < 1e-10);
        assertJsonFriendly(overall.evidence());
        assertJsonFriendly(analysis.summary());

        Comparison primary = analysis.comparison("all", "passRate").orElseThrow();
        assertEquals(Comparison.REGRESSED, primary.verdict());
        assertEquals(primary.pValue(), primary.adjustedPValue());
        assertTrue(primary.ciLow() < -0.3 && primary.ciHigh() > -0.3 && primary.ciHigh() < 0, primary.toString());
        assertEquals(Comparison.REGRESSED, analysis.comparison("all", "weightedAccuracy").orElseThrow().verdict());
        // every category fell the same way; with the gate open they are named too
        assertEquals(CATEGORIES.size(), analysis.findings(Signals.REGRESSION).size() - 1);
    }

    @Test
    void aFingerprintChangeRaisesSilentChangeSuspected() {
        RunSample baseline = run("b", EIGHTY_PERCENT);
        RunSample candidate = run("c", EIGHTY_PERCENT, i -> withProvenance(i, "fp_b", i.responseModelId()));

        DriftAnalysis analysis = DriftAnalyzer.analyze(baseline, candidate, POLICY);

        List<Finding> silent = analysis.findings(Signals.SILENT_CHANGE);
        assertEquals(1, silent.size(), analysis.findings().toString());
        assertEquals(Finding.WARNING, silent.get(0).severity());
        @SuppressWarnings("unchecked")
        Map<String, Object> fingerprints = (Map<String, Object>) silent.get(0).evidence().get("systemFingerprints");
        assertEquals(List.of("fp_b"), fingerprints.get("added"));
        assertEquals(List.of("fp_a"), fingerprints.get("removed"));
        assertEquals(false, silent.get(0).evidence().get("qualityRegressed"));
        assertFalse(analysis.regressed());
        assertJsonFriendly(silent.get(0).evidence());
    }

    @Test
    void aNewResponseModelIdWithAQualityDropIsCritical() {
        RunSample candidate = run("c", i -> i % 10 < 5, i -> withProvenance(i, i.systemFingerprint(), "model-2025-06"));

        DriftAnalysis analysis = DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT), candidate, POLICY);

        Finding silent = analysis.findings(Signals.SILENT_CHANGE).get(0);
        assertEquals(Finding.CRITICAL, silent.severity());
        assertTrue(silent.summary().contains("model-2025-06"), silent.summary());
    }

    @Test
    void fencedToProseIsFormatDriftButNotARegressionWhenPassRatesAreTheSame() {
        RunSample candidate = run("c", EIGHTY_PERCENT, i -> withFormat(i, "fenced_with_prose"));

        DriftAnalysis analysis = DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT), candidate, POLICY);

        List<Finding> drift = analysis.findings(Signals.FORMAT);
        assertEquals(1, drift.size(), analysis.findings().toString());
        assertTrue(drift.get(0).summary().contains("fenced 100% -> 0%"), drift.get(0).summary());
        assertFalse(analysis.regressed());
        assertEquals(Comparison.CHANGED, analysis.comparison("all", "formatShare.fenced").orElseThrow().verdict());
        assertEquals(Comparison.UNCHANGED, analysis.comparison("all", "passRate").orElseThrow().verdict());
    }

    @Test
    void slowerAnswersAreALatencyRegression() {
        RunSample candidate = run("c", EIGHTY_PERCENT,
                i -> withTimings(i, i.ttftSeconds() * 2.5, i.durationSeconds() * 2));

        DriftAnalysis analysis = DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT), candidate, POLICY);

        List<Finding> latency = analysis.findings(Signals.LATENCY);
        assertEquals(1, latency.size(), analysis.findings().toString());
        assertTrue(latency.get(0).evidence().containsKey("ttftP95Seconds"));
        // the summary names what the test looked at, the median, beside the p95
        assertTrue(latency.get(0).summary().matches("slower: ttft median \\S+s -> \\S+s, p95 \\S+s -> \\S+s \\(x2\\.50\\);"
                + " duration median .*"), latency.get(0).summary());
        assertFalse(analysis.regressed());
        assertJsonFriendly(latency.get(0).evidence());
    }

    @Test
    void aSlowDownThatTheGeneratorsOwnHostLagExplainsIsNoLatencyRegression() {
        // the generator stalled: every first token waited 0.3 s more, and the host lag says so
        RunSample baseline = run("b", EIGHTY_PERCENT, i -> withHostLag(i, 0.0));
        RunSample candidate = run("c", EIGHTY_PERCENT, i -> withHostLag(withTimings(i, i.ttftSeconds() + 0.3,
                i.durationSeconds() + 0.3), 0.3));

        DriftAnalysis analysis = DriftAnalyzer.analyze(baseline, candidate, POLICY);

        assertTrue(analysis.findings(Signals.LATENCY).isEmpty(), analysis.findings().toString());
        // the same items without host lag (as older items arrive) alert: the rule before host lag
        DriftAnalysis unaware = DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT), run("c", EIGHTY_PERCENT,
                i -> withTimings(i, i.ttftSeconds() + 0.3, i.durationSeconds() + 0.3)), POLICY);
        assertEquals(1, unaware.findings(Signals.LATENCY).size(), unaware.findings().toString());
    }

    @Test
    void aVendorSlowDownAlertsDespiteHostLagAndKeepsEvidenceOfBoth() {
        // the vendor got 0.3 s slower and the generator stalled 0.1 s more on top
        RunSample baseline = run("b", EIGHTY_PERCENT, i -> withHostLag(i, 0.0));
        RunSample candidate = run("c", EIGHTY_PERCENT, i -> withHostLag(withTimings(i, i.ttftSeconds() + 0.4,
                i.durationSeconds() + 0.4), 0.1));

        DriftAnalysis analysis = DriftAnalyzer.analyze(baseline, candidate, POLICY);

        List<Finding> latency = analysis.findings(Signals.LATENCY);
        assertEquals(1, latency.size(), analysis.findings().toString());
        assertTrue(latency.get(0).summary().contains("after host lag (raw x"), latency.get(0).summary());
        @SuppressWarnings("unchecked")
        Map<String, Object> ttft = (Map<String, Object>) latency.get(0).evidence().get("ttftP95Seconds");
        @SuppressWarnings("unchecked")
        Map<String, Object> hostLag = (Map<String, Object>) ttft.get("hostLag");
        assertEquals(0.1, ((Number) hostLag.get("meanShift")).doubleValue(), 1e-9);
        assertTrue(ttft.containsKey("raw"));
        assertEquals(true, ttft.get("beyondHostLag"));
        assertJsonFriendly(latency.get(0).evidence());
    }

    @Test
    void aSmallSlowDownUnderTheP95ThresholdDoesNotAlert() {
        RunSample candidate = run("c", EIGHTY_PERCENT,
                i -> withTimings(i, i.ttftSeconds() * 1.2, i.durationSeconds() * 1.2));

        DriftAnalysis analysis = DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT), candidate, POLICY);

        assertTrue(analysis.findings(Signals.LATENCY).isEmpty());
        assertTrue(analysis.comparison("all", "ttftP95Seconds").orElseThrow().significant());
    }

    @Test
    void aHigherCostPerItemIsACostChange() {
        RunSample candidate = run("c", EIGHTY_PERCENT, i -> withCost(i, i.costUsd() * 1.5));

        DriftAnalysis analysis = DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT), candidate, POLICY);

        List<Finding> cost = analysis.findings(Signals.COST);
        assertEquals(1, cost.size());
        assertEquals(Finding.WARNING, cost.get(0).severity());
    }

    @Test
    void aDropInAStrictCategoryAlertsOnItsOwnWhileTheSameDropElsewhereWaitsForThePrimaryTest() {
        // category of task t: t % 5; category 4's pairs 0..3 get worse, category 0's pairs 0..3 get better
        IntPredicate candidate = i -> {
            int task = i / 3;
            int withinCategory = (task / 5) * 3 + i % 3;
            if (task % 5 == 4 && withinCategory < 4) {
                return false;
            }
            if (task % 5 == 0 && withinCategory < 4) {
                return true;
            }
            return EIGHTY_PERCENT.test(i);
        };
        IntPredicate baseline = i -> {
            int task = i / 3;
            int withinCategory = (task / 5) * 3 + i % 3;
            if (task % 5 == 4 && withinCategory < 4) {
                return true;
            }
            if (task % 5 == 0 && withinCategory < 4) {
                return false;
            }
            return EIGHTY_PERCENT.test(i);
        };
        List<String> withSecurity = List.of("lists", "math", "parsing", "strings", "security");
        List<String> withoutSecurity = List.of("lists", "math", "parsing", "strings", "dates");

        DriftAnalysis strict = DriftAnalyzer.analyze(
                run("b", baseline, t -> withSecurity.get(t % 5), UnaryOperator.identity()),
                run("c", candidate, t -> withSecurity.get(t % 5), UnaryOperator.identity()), POLICY);
        DriftAnalysis ordinary = DriftAnalyzer.analyze(
                run("b", baseline, t -> withoutSecurity.get(t % 5), UnaryOperator.identity()),
                run("c", candidate, t -> withoutSecurity.get(t % 5), UnaryOperator.identity()), POLICY);

        // overall: 4 worse, 4 better, so the primary test is silent
        assertEquals(Comparison.UNCHANGED, strict.comparison("all", "passRate").orElseThrow().verdict());
        List<Finding> regressions = strict.findings(Signals.REGRESSION);
        assertEquals(1, regressions.size(), regressions.toString());
        assertEquals("security", regressions.get(0).scope());
        assertEquals(Finding.CRITICAL, regressions.get(0).severity());
        // 4 of 30 pairs worse, none better: one-sided mid-p = 1/32 <= 0.10
        assertEquals(1.0 / 32, strict.comparison("security", "passRate").orElseThrow().pValue(), 1e-12);
        assertFalse(ordinary.regressed(), ordinary.findings().toString());
    }

    @Test
    void theAnalysisIsReproducibleAndIndependentOfItemOrder() {
        RunSample baseline = run("b", EIGHTY_PERCENT);
        RunSample candidate = run("c", i -> i % 10 < 7);
        List<ItemOutcome> shuffled = new ArrayList<>(candidate.items());
        Collections.shuffle(shuffled, new Random(9));

        DriftAnalysis first = DriftAnalyzer.analyze(baseline, candidate, POLICY);
        DriftAnalysis again = DriftAnalyzer.analyze(baseline, candidate, POLICY);
        DriftAnalysis reordered = DriftAnalyzer.analyze(baseline, new RunSample("c", "m", "1.0.0", shuffled), POLICY);

        assertEquals(first, again);
        assertEquals(first.comparisons(), reordered.comparisons());
        assertEquals(first.findings(), reordered.findings());
    }

    @Test
    void tiedAndTinySamplesAreAnalysedWithoutError() {
        // a deterministic provider: the same length and no timings for every answer
        UnaryOperator<ItemOutcome> constant = i -> new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(),
                i.weightedAccuracy(), null, null, 0.0, 120, i.codeFormat(), null, null, null, null);
        DriftAnalysis tied = DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT, constant),
                run("c", EIGHTY_PERCENT, constant), POLICY);
        RunSample one = new RunSample("b", "m", "1.0.0", List.of(run("b", EIGHTY_PERCENT).items().get(0)));

        assertTrue(tied.findings().isEmpty(), tied.findings().toString());
        assertEquals(1.0, tied.comparison("all", "outputTokensMedian").orElseThrow().pValue());
        assertTrue(tied.comparison("all", "ttftP95Seconds").isEmpty());
        assertTrue(tied.comparison("all", "costPerItemUsd").isEmpty());
        assertJsonFriendly(tied.summary());
        assertFalse(DriftAnalyzer.analyze(one, one, POLICY).regressed());
        DriftAnalysis disjoint = DriftAnalyzer.analyze(one, new RunSample("c", "m", "1.0.0", List.of()), POLICY);
        assertTrue(disjoint.comparisons().isEmpty());
        assertEquals(0, disjoint.summary().get("pairs"));
    }

    @Test
    void onePairIsTooFewToJudgeRatherThanImproved() {
        // one pair that failed in the baseline and passed in the candidate: McNemar p = 1, nothing to conclude
        ItemOutcome failed = run("b", i -> false).items().get(0);
        ItemOutcome passed = run("c", i -> true).items().get(0);
        DriftAnalysis analysis = DriftAnalyzer.analyze(new RunSample("b", "m", "1.0.0", List.of(failed)),
                new RunSample("c", "m", "1.0.0", List.of(passed)), POLICY);

        Comparison passRate = analysis.comparison("all", "passRate").orElseThrow();
        assertEquals(Comparison.TOO_FEW, passRate.verdict());
        assertEquals("too few items to judge (n=1)", passRate.note());
        assertEquals(null, passRate.ciLow());
        assertEquals(null, passRate.ciHigh());
        assertFalse(passRate.significant());
        assertTrue(analysis.comparisons().stream().noneMatch(c -> c.verdict().equals(Comparison.IMPROVED)
                || c.verdict().equals(Comparison.REGRESSED)), analysis.comparisons().toString());
        assertTrue(analysis.findings().isEmpty(), analysis.findings().toString());
    }

    @Test
    void aCategoryWithOneTaskGetsNoIntervalAndNoVerdict() {
        IntFunction<String> category = t -> t == 0 ? "solo" : CATEGORIES.get(t % CATEGORIES.size());
        // the one task of "solo" drops from 3 of 3 to 0 of 3; the others are unchanged
        DriftAnalysis analysis = DriftAnalyzer.analyze(run("b", i -> i < 3 || EIGHTY_PERCENT.test(i), category,
                UnaryOperator.identity()), run("c", i -> i >= 3 && EIGHTY_PERCENT.test(i), category,
                UnaryOperator.identity()), POLICY);

        for (String metric : List.of("passRate", "weightedAccuracy", "composite")) {
            Comparison solo = analysis.comparison("solo", metric).orElseThrow();
            assertEquals(Comparison.TOO_FEW, solo.verdict(), metric);
            assertEquals(null, solo.ciLow(), metric);
            assertEquals(null, solo.ciHigh(), metric);
            assertEquals("too few items to judge (n=3)", solo.note());
        }
        Comparison all = analysis.comparison("all", "passRate").orElseThrow();
        assertTrue(all.ciLow() != null && all.ciHigh() != null);
        assertEquals(null, all.note());
        assertJsonFriendly(analysis.summary());
    }

    @Test
    void twoItemsForOneTaskAndSampleAreRefused() {
        RunSample baseline = run("b", EIGHTY_PERCENT);
        List<ItemOutcome> items = new ArrayList<>(baseline.items());
        items.add(items.get(0));

        assertThrows(IllegalArgumentException.class,
                () -> DriftAnalyzer.analyze(new RunSample("b", "m", "1.0.0", items), baseline, POLICY));
    }

    @Test
    void aNonFiniteScoreIsRefusedRatherThanTested() {
        RunSample broken = run("c", EIGHTY_PERCENT, i -> new ItemOutcome(i.taskId(), i.sample(), i.category(),
                i.passed(), Double.NaN, i.ttftSeconds(), i.durationSeconds(), i.costUsd(), i.outputTokens(),
                i.codeFormat(), i.systemFingerprint(), i.responseModelId(), i.outputHash(), i.hostLagSeconds()));

        assertThrows(IllegalArgumentException.class,
                () -> DriftAnalyzer.analyze(run("b", EIGHTY_PERCENT), broken, POLICY));
    }

    private static ItemOutcome withProvenance(ItemOutcome i, String fingerprint, String modelId) {
        return new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(), i.weightedAccuracy(), i.ttftSeconds(),
                i.durationSeconds(), i.costUsd(), i.outputTokens(), i.codeFormat(), fingerprint, modelId,
                i.outputHash(), i.hostLagSeconds());
    }

    private static ItemOutcome withFormat(ItemOutcome i, String format) {
        return new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(), i.weightedAccuracy(), i.ttftSeconds(),
                i.durationSeconds(), i.costUsd(), i.outputTokens(), format, i.systemFingerprint(), i.responseModelId(),
                i.outputHash(), i.hostLagSeconds());
    }

    private static ItemOutcome withTimings(ItemOutcome i, double ttft, double duration) {
        return new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(), i.weightedAccuracy(), ttft, duration,
                i.costUsd(), i.outputTokens(), i.codeFormat(), i.systemFingerprint(), i.responseModelId(),
                i.outputHash(), i.hostLagSeconds());
    }

    private static ItemOutcome withHostLag(ItemOutcome i, double hostLag) {
        return new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(), i.weightedAccuracy(), i.ttftSeconds(),
                i.durationSeconds(), i.costUsd(), i.outputTokens(), i.codeFormat(), i.systemFingerprint(),
                i.responseModelId(), i.outputHash(), hostLag);
    }

    private static ItemOutcome withCost(ItemOutcome i, double cost) {
        return new ItemOutcome(i.taskId(), i.sample(), i.category(), i.passed(), i.weightedAccuracy(), i.ttftSeconds(),
                i.durationSeconds(), cost, i.outputTokens(), i.codeFormat(), i.systemFingerprint(), i.responseModelId(),
                i.outputHash(), i.hostLagSeconds());
    }

    private static void assertJsonFriendly(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            if (value instanceof Double d) {
                assertTrue(Double.isFinite(d), "non-finite number in evidence");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertTrue(k instanceof String, "key " + k);
                assertJsonFriendly(v);
            });
            return;
        }
        if (value instanceof List<?> list) {
            list.forEach(DriftAnalyzerTest::assertJsonFriendly);
            return;
        }
        throw new AssertionError("not JSON-friendly: " + value.getClass() + " " + value);
    }
}
