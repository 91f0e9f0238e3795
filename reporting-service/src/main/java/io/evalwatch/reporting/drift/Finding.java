package io.evalwatch.reporting.drift;

import java.util.Map;

/**
 * A drift signal worth an alert: signal is one of {@link io.evalwatch.events.DriftAlert.Signals}, severity critical,
 * warning or info, evidence a JSON-friendly map of the statistics behind it.
 */
public record Finding(String signal, String scope, String severity, String summary, Map<String, Object> evidence) {

    public static final String CRITICAL = "critical";
    public static final String WARNING = "warning";
    public static final String INFO = "info";
}
