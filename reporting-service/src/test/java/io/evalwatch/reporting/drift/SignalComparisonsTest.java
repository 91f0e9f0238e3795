package io.evalwatch.reporting.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.DriftAlert.Signals;
import io.evalwatch.events.ItemMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class SignalComparisonsTest {

    private static final DriftPolicy POLICY = DriftPolicy.defaults();

    /** 40 tasks x 3 samples, all passing (pass rate unchanged), each item with the measures the function gives. */
    private static RunSample run(String id, IntFunction<Map<String, Double>> metrics) {
        List<ItemOutcome> items = new ArrayList<>();
        for (int task = 0; task < 40; task++) {
            for (int sample = 0; sample < 3; sample++) {
                items.add(new ItemOutcome(String.format("task-%02d", task), sample, "lists", true, 1.0, 0.2, 1.0,
                        0.001, 50, "fenced", "fp", "m", "h" + task, null, metrics.apply(task * 3 + sample)));
            }
        }
        return new RunSample(id, "m", "1.0.0", items);
    }

    private static Map<String, Double> clean(int i) {
        return Map.of(ItemMetrics.SECURITY_FINDINGS, 0.0, ItemMetrics.TYPE_ERRORS, i % 10 == 0 ? 1.0 : 0.0,
                ItemMetrics.CHRF, 80.0 + i % 7, ItemMetrics.EDIT_SIMILARITY, 0.8);
    }

    @Test
    void aModelThatStartsAddingSecurityFindingsIsAFindingWithoutARegression() {
        RunSample baseline = run("b", SignalComparisonsTest::clean);
        // a third of the candidate's answers now carry a security finding; everything else as before
        RunSample candidate = run("c", i -> {
            Map<String, Double> m = new java.util.HashMap<>(clean(i));
            m.put(ItemMetrics.SECURITY_FINDINGS, i % 3 == 0 ? 2.0 : 0.0);
            return m;
        });
        DriftAnalysis analysis = DriftAnalyzer.analyze(baseline, candidate, POLICY);
        Finding finding = analysis.findings().stream().filter(f -> Signals.QUALITY_SIGNALS.equals(f.signal()))
                .findFirst().orElseThrow(() -> new AssertionError(analysis.findings().toString()));
        assertEquals(Finding.WARNING, finding.severity());
        assertTrue(finding.summary().contains("quality.security_findings"), finding.summary());
        assertTrue(analysis.findings().stream().noneMatch(f -> Signals.REGRESSION.equals(f.signal())));
    }

    @Test
    void answersFurtherFromTheReferenceAreALookHereNeverAnAlarm() {
        RunSample baseline = run("b", SignalComparisonsTest::clean);
        RunSample candidate = run("c", i -> {
            Map<String, Double> m = new java.util.HashMap<>(clean(i));
            m.put(ItemMetrics.CHRF, 40.0 + i % 7);
            return m;
        });
        Finding finding = DriftAnalyzer.analyze(baseline, candidate, POLICY).findings().stream()
                .filter(f -> Signals.QUALITY_SIGNALS.equals(f.signal())).findFirst().orElseThrow();
        assertEquals(Finding.INFO, finding.severity());
        assertTrue(finding.summary().contains("look here"), finding.summary());
    }

    @Test
    void nothingChangedNothingFoundAndAMeasureOnOneSideOnlyIsNotCompared() {
        RunSample baseline = run("b", SignalComparisonsTest::clean);
        assertTrue(DriftAnalyzer.analyze(baseline, run("c", SignalComparisonsTest::clean), POLICY).findings().stream()
                .noneMatch(f -> Signals.QUALITY_SIGNALS.equals(f.signal())));
        // a baseline stored before the analysers' measures: nothing to compare them with
        DriftAnalysis older = DriftAnalyzer.analyze(run("old", i -> Map.of()), run("c", i -> Map.of(
                ItemMetrics.SECURITY_FINDINGS, 3.0)), POLICY);
        assertTrue(older.findings().stream().noneMatch(f -> Signals.QUALITY_SIGNALS.equals(f.signal())),
                older.findings().toString());
        assertTrue(older.comparisons().stream().noneMatch(c -> c.metric().startsWith(SignalComparisons.CLEAN_PREFIX)));
    }
}
