package io.evalwatch.sandbox.isolation;

/** Limits a task or a request asks for; null fields keep the configured default. */
public record LimitsOverride(
        Double wallSeconds,
        Integer cpuSeconds,
        Integer memoryMb,
        Integer processes,
        Integer fileSizeMb,
        Integer openFiles,
        Integer outputBytes,
        Integer tmpfsMb) {

    public static LimitsOverride none() {
        return new LimitsOverride(null, null, null, null, null, null, null, null);
    }

    public static LimitsOverride wallTime(double seconds) {
        return new LimitsOverride(seconds, null, null, null, null, null, null, null);
    }
}
