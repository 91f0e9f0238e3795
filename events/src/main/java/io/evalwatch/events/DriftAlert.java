package io.evalwatch.events;

import java.time.Instant;
import java.util.Map;

/**
 * A drift finding for one model in one run of a comparison stream ({@code streamId}), with the evidence behind it. signal is one of
 * {@link Signals}; evidence holds the statistics (effect, interval, p-value) or the changed provenance.
 */
public record DriftAlert(
        int schemaVersion,
        String alertId,
        String runId,
        String baselineRunId,
        String model,
        String suite,
        String suiteVersion,
        String signal,
        String scope,
        String severity,
        String summary,
        Map<String, Object> evidence,
        Instant occurredAt,
        String streamId) implements AlertEvent {

    public static final int SCHEMA_VERSION = 1;

    /** The kinds of drift evalwatch alerts on. */
    public static final class Signals {
        public static final String REGRESSION = "RegressionDetected";
        public static final String SILENT_CHANGE = "SilentChangeSuspected";
        public static final String LATENCY = "LatencyRegression";
        public static final String COST = "CostChange";
        public static final String FORMAT = "FormatDrift";
        /** More items with analyser findings, or answers further from the reference (see SignalComparisons). */
        public static final String QUALITY_SIGNALS = "QualitySignalsShift";
        /** The run is not fit to judge the model (provider, pipeline or configuration trouble), not a regression. */
        public static final String RUN_INVALID = "RunInvalid";

        private Signals() {
        }
    }
}
