package io.evalwatch.reporting.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The result of one run: its progress and, per model, accuracy, failure mix, latency, cost and provenance. */
public record RunReport(
        String runId,
        String suite,
        String suiteVersion,
        String status,
        String trigger,
        int samples,
        Integer expectedItems,
        int scoredItems,
        int erroredItems,
        Instant startedAt,
        Instant completedAt,
        List<ModelReport> models) {

    /** One model's results in the run. */
    public record ModelReport(
            String model,
            int items,
            int passed,
            double passAt1,
            Map<String, Double> passAtK,
            double weightedAccuracy,
            double meanTestPassFraction,
            Map<String, Long> failureMix,
            Map<String, Long> codeFormats,
            Latency latency,
            Cost cost,
            List<CategoryReport> categories,
            List<String> responseModelIds,
            List<String> systemFingerprints) {
    }

    /** Accuracy within one category of tasks. */
    public record CategoryReport(String category, int items, int passed, double passAt1, double weightedAccuracy) {
    }

    /** Latency percentiles in seconds (null where nothing was measured). */
    public record Latency(Double ttftP50, Double ttftP95, Double ttftP99, Double durationP50, Double durationP95,
            Double durationP99, Double outputTokensPerSecondP50, Double queueP95) {
    }

    /**
     * Cost in USD, retries included. perItem divides by every item; perPassedTask by the items that passed, the
     * price of one correct answer.
     */
    public record Cost(double totalUsd, double perItemUsd, Double perPassedTaskUsd, long inputTokens, long outputTokens) {
    }
}
