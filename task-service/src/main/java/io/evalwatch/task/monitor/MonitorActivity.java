package io.evalwatch.task.monitor;

import java.time.Instant;

/**
 * What a monitor is doing: whether the scheduler holds its cron and when it next fires, its last fire, the state
 * of its latest run (running, completed or stale), and what the start of the service did about a missed schedule
 * (pending, none, started, skipped, failed).
 */
public record MonitorActivity(boolean scheduled, Instant nextFireTime, Instant lastFireTime, String lastRunId,
        String lastRunState, String startupCatchUp) {
}
