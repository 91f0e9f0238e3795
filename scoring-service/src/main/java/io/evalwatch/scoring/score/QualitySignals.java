package io.evalwatch.scoring.score;

import io.evalwatch.events.ItemMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality measures of an answer (ItemMetrics.QUALITY) from the sandbox's static analysis
 * (ExecutionCompleted.staticAnalysis: one map per tool). A measure is present only when its tool ran: a tool that
 * was skipped (the code does not parse), failed ({error}) or is not configured gives no measure, never a 0.
 * Python only: the analysers are Python's. Pure.
 */
public final class QualitySignals {

    private QualitySignals() {
    }

    public static Map<String, Double> of(Map<String, Object> staticAnalysis, String language) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (staticAnalysis == null || !"python".equalsIgnoreCase(language)) {
            return metrics;
        }
        Map<?, ?> mccabe = ran(staticAnalysis, "mccabe");
        if (mccabe != null && mccabe.get("maxComplexity") instanceof Number complexity) {
            metrics.put(ItemMetrics.COMPLEXITY, complexity.doubleValue());
            if (mccabe.get("referenceMaxComplexity") instanceof Number reference) {
                metrics.put(ItemMetrics.COMPLEXITY_DELTA, complexity.doubleValue() - reference.doubleValue());
            }
        }
        Map<?, ?> mypy = ran(staticAnalysis, "mypy");
        if (mypy != null && mypy.get("errorCount") instanceof Number errors) {
            metrics.put(ItemMetrics.TYPE_ERRORS, errors.doubleValue());
        }
        Map<?, ?> pyflakes = ran(staticAnalysis, "pyflakes");
        if (pyflakes != null && pyflakes.get("undefinedNames") instanceof List<?> names) {
            metrics.put(ItemMetrics.UNDEFINED_NAMES, (double) names.size());
        }
        Map<?, ?> bandit = ran(staticAnalysis, "bandit");
        if (bandit != null && bandit.get("issues") instanceof List<?> issues) {
            metrics.put(ItemMetrics.SECURITY_FINDINGS, (double) issues.size());
            // the issue list is cut at 50; the counts, when the sandbox sends them, are complete
            Map<?, ?> counts = bandit.get("severityCounts") instanceof Map<?, ?> c ? c : null;
            if (counts != null && bandit.get("issueCount") instanceof Number total) {
                metrics.put(ItemMetrics.SECURITY_FINDINGS, total.doubleValue());
            }
            for (String severity : ItemMetrics.SEVERITIES) {
                String upper = severity.toUpperCase(Locale.ROOT);
                double count = counts != null && counts.get(upper) instanceof Number n ? n.doubleValue()
                        : issues.stream().filter(issue -> issue instanceof Map<?, ?> m
                                && upper.equals(String.valueOf(m.get("severity")).toUpperCase(Locale.ROOT))).count();
                metrics.put(ItemMetrics.SECURITY_PREFIX + severity, count);
            }
        }
        return metrics;
    }

    /** A tool's findings when it ran; null when it was skipped, failed or is absent. */
    static Map<?, ?> ran(Map<String, Object> staticAnalysis, String tool) {
        if (staticAnalysis != null && staticAnalysis.get(tool) instanceof Map<?, ?> findings
                && !findings.containsKey("skipped") && !findings.containsKey("error")) {
            return findings;
        }
        return null;
    }

    /** The size of a list a tool reported, 0 when the tool did not run or reported no such list. */
    static int listSize(Map<String, Object> staticAnalysis, String tool, String field) {
        Map<?, ?> findings = ran(staticAnalysis, tool);
        return findings != null && findings.get(field) instanceof List<?> list ? list.size() : 0;
    }
}
