package io.evalwatch.sandbox.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.sandbox.execution.Signals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** mypy's missing modules: an invented one is a hallucinated API, a real package (numpy) is not. */
class StaticAnalysisSignalsTest {

    private static Map<String, Object> mypyMissing(String module) {
        return Map.of("mypy", Map.of("missingApis", List.of("solution.py:1: error: Cannot find implementation or"
                + " library stub for module named \"" + module + "\"  [import]")));
    }

    @Test
    void aRealPackageMypyCannotSeeIsNoHallucinatedApi() {
        assertEquals(List.of(), StaticAnalysis.signalsOf(mypyMissing("numpy"), "numpy"::equals));
        assertEquals(List.of(Signals.HALLUCINATED_API),
                StaticAnalysis.signalsOf(mypyMissing("totally_made_up"), "numpy"::equals));
        assertEquals(List.of(Signals.HALLUCINATED_API), StaticAnalysis.signalsOf(Map.of("mypy", Map.of("missingApis",
                List.of("solution.py:2: error: Module has no attribute \"fast_sum\""))), "numpy"::equals));
    }
}
