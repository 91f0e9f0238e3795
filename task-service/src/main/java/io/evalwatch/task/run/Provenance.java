package io.evalwatch.task.run;

import io.evalwatch.events.StreamKey;

/**
 * Who started a run and which comparison stream it belongs to. Only task-service decides it: from the request's
 * gate flag and series, or from the monitor that fired.
 */
record Provenance(String trigger, String monitor, String series) {

    static final String MANUAL = "manual";
    static final String GATE = "gate";
    static final String SCHEDULE = "schedule";

    static Provenance of(RunRequest request) {
        return new Provenance(request.isGate() ? GATE : MANUAL, null, request.series());
    }

    static Provenance monitor(String monitor) {
        return new Provenance(SCHEDULE, monitor, null);
    }

    /** The stream origin: the monitor, else the named series, else none (an ad-hoc run). */
    String origin() {
        return monitor != null ? StreamKey.monitorOrigin(monitor) : StreamKey.seriesOrigin(series);
    }
}
