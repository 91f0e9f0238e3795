package io.evalwatch.sandbox.analysis;

import java.util.List;
import java.util.Map;

/** The analysers' findings per tool (as travels in ExecutionCompleted.staticAnalysis) and the signals they give. */
public record AnalysisReport(Map<String, Object> report, List<String> signals, double seconds) {
}
