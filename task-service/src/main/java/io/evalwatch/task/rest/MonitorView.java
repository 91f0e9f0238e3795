package io.evalwatch.task.rest;

import io.evalwatch.task.monitor.Monitor;
import io.evalwatch.task.monitor.MonitorActivity;
import java.time.Instant;
import java.util.List;

/** A monitor as the API shows it: its configuration, its problems, and what it has been doing. */
public record MonitorView(String name, String suite, List<String> models, int samples, List<String> tasks, String cron,
        boolean enabled, boolean catchUp, boolean scheduled, Instant nextFireTime, Instant lastFireTime,
        String lastRunId, String lastRunState, String startupCatchUp, List<String> problems, List<String> variants) {

    static MonitorView of(Monitor m, MonitorActivity a) {
        return new MonitorView(m.name(), m.suite(), m.models(), m.samples(), m.tasks(), m.cron(), m.enabled(),
                m.catchUp(), a.scheduled(), a.nextFireTime(), a.lastFireTime(),
                a.lastRunId(), a.lastRunState(), a.startupCatchUp(), m.problems(), m.variants());
    }
}
