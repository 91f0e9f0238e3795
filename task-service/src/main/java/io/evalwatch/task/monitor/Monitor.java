package io.evalwatch.task.monitor;

import java.util.List;

/**
 * A scheduled drift check as configured in monitors.yaml: which suite and models to run, how often. A monitor with
 * problems is listed with them and never scheduled.
 */
public record Monitor(
        String name,
        String suite,
        List<String> models,
        int samples,
        List<String> tasks,
        String cron,
        boolean enabled,
        boolean catchUp,
        List<String> problems) {

    public static final String DEFAULT_CRON = "0 0 6 ? * MON";

    public boolean valid() {
        return problems.isEmpty();
    }

    /** Valid and enabled: its cron is registered with the scheduler. */
    public boolean scheduled() {
        return valid() && enabled;
    }
}
