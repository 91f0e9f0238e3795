package io.evalwatch.reporting.report;

import io.evalwatch.reporting.drift.Comparison;
import io.evalwatch.reporting.report.RegressionReport.ModelRegression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The stream context of a model's section as plain sentences, shared by the Markdown and HTML renderings. */
final class StreamLines {

    private StreamLines() {
    }

    static List<String> of(ModelRegression m) {
        List<String> lines = new ArrayList<>();
        Map<String, Object> s = m.stream() == null ? Map.of() : m.stream();
        if (s.isEmpty()) {
            return lines;
        }
        Object streamId = s.get("streamId");
        lines.add(streamId == null
                ? "Ad-hoc run: it belongs to no stream, moves no reference and opens or closes no alert"
                        + (s.get("comparedWithStream") == null ? "." : "; compared with the reference of stream "
                        + s.get("comparedWithStream") + ".")
                : "Stream " + streamId + " (" + s.get("origin") + ").");
        if (s.get("health") instanceof Map<?, ?> health) {
            Object problems = health.get("problems");
            lines.add("Run validity: " + s.get("validity") + (problems instanceof List<?> p && !p.isEmpty()
                    ? " — " + String.join("; ", p.stream().map(String::valueOf).toList()) : "") + ".");
        }
        if (s.get("referenceChanged") != null) {
            lines.add("This run became the stream's reference (" + s.get("referenceChanged") + ").");
        } else if (s.get("referenceRunId") != null) {
            lines.add("Against the reference run " + s.get("referenceRunId") + ": " + s.getOrDefault("state", "")
                    + (s.get("summary") == null ? "" : " — " + s.get("summary")) + ".");
        }
        if (m.previousRunId() != null) {
            long regressed = m.previousComparisons().stream()
                    .filter(c -> Comparison.REGRESSED.equals(c.verdict())).count();
            Comparison passRate = m.previousComparisons().stream()
                    .filter(c -> "all".equals(c.scope()) && "passRate".equals(c.metric())).findFirst().orElse(null);
            lines.add("Against the previous run " + m.previousRunId() + ": " + (passRate == null ? "no pairs"
                    : String.format(Locale.ROOT, "pass rate %.1f%% -> %.1f%% (%s)", 100 * passRate.baseline(),
                            100 * passRate.candidate(), passRate.verdict()))
                    + ", " + regressed + " comparison(s) regressed.");
        }
        if (s.get("taskChanges") instanceof Map<?, ?> changes) {
            List<String> parts = new ArrayList<>();
            for (String kind : List.of("added", "changed", "retired")) {
                if (changes.get(kind) instanceof List<?> ids && !ids.isEmpty()) {
                    parts.add(kind + ": " + String.join(", ", ids.stream().map(String::valueOf).toList()));
                }
            }
            if (!parts.isEmpty()) {
                lines.add("Tasks since the previous run — " + String.join("; ", parts)
                        + " (only unchanged tasks are paired).");
            }
        }
        return lines;
    }
}
