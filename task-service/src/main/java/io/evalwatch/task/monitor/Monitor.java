package io.evalwatch.task.monitor;

import java.util.List;

/**
 * A scheduled drift check as configured in monitors.yaml: which suite and models to run, in which prompt variants
 * (empty: base only), how often. A monitor with problems is listed with them and never scheduled.
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
        List<String> problems,
        List<String> variants) {

    public static final String DEFAULT_CRON = "0 0 6 ? * MON";

    public Monitor {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** A monitor of the base prompt variant only. */
    public Monitor(String name, String suite, List<String> models, int samples, List<String> tasks, String cron,
            boolean enabled, boolean catchUp, List<String> problems) {
        this(name, suite, models, samples, tasks, cron, enabled, catchUp, problems, List.of());
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** Valid and enabled: its cron is registered with the scheduler. */
    public boolean scheduled() {
        return valid() && enabled;
    }
}
