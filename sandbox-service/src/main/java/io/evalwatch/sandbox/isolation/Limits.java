package io.evalwatch.sandbox.isolation;

import io.evalwatch.sandbox.config.SandboxConfig;

/** The resolved limits of one sandboxed run, in base units. */
public record Limits(
        double wallSeconds,
        int cpuSeconds,
        long memoryBytes,
        int processes,
        long fileSizeBytes,
        int openFiles,
        int outputBytes,
        long outputKillBytes,
        long tmpfsBytes) {

    private static final long MB = 1024L * 1024L;

    public static Limits of(SandboxConfig.Limits limits) {
        return new Limits(limits.wallSeconds(), limits.cpuSeconds(), limits.memoryMb() * MB, limits.processes(),
                limits.fileSizeMb() * MB, limits.openFiles(), limits.outputBytes(), limits.outputKillBytes(),
                limits.tmpfsMb() * MB);
    }

    public static Limits of(SandboxConfig.Ceiling ceiling) {
        return new Limits(ceiling.wallSeconds(), ceiling.cpuSeconds(), ceiling.memoryMb() * MB, ceiling.processes(),
                ceiling.fileSizeMb() * MB, ceiling.openFiles(), ceiling.outputBytes(), Long.MAX_VALUE,
                ceiling.tmpfsMb() * MB);
    }

    /** These limits with every field the override sets replaced. */
    public Limits with(LimitsOverride o) {
        if (o == null) {
            return this;
        }
        return new Limits(
                o.wallSeconds() != null ? o.wallSeconds() : wallSeconds,
                o.cpuSeconds() != null ? o.cpuSeconds() : cpuSeconds,
                o.memoryMb() != null ? o.memoryMb() * MB : memoryBytes,
                o.processes() != null ? o.processes() : processes,
                o.fileSizeMb() != null ? o.fileSizeMb() * MB : fileSizeBytes,
                o.openFiles() != null ? o.openFiles() : openFiles,
                o.outputBytes() != null ? o.outputBytes() : outputBytes,
                outputKillBytes,
                o.tmpfsMb() != null ? o.tmpfsMb() * MB : tmpfsBytes);
    }

    /** These limits with room for the memory and processes the sandbox itself holds in the run's cgroup. */
    public Limits plusOverhead(long bytes, int moreProcesses) {
        return new Limits(wallSeconds, cpuSeconds, memoryBytes + bytes, processes + moreProcesses, fileSizeBytes,
                openFiles, outputBytes, outputKillBytes, tmpfsBytes);
    }

    /** Every field at most the ceiling's and at least a workable minimum. */
    public Limits within(Limits ceiling) {
        return new Limits(
                clamp(wallSeconds, 0.1, ceiling.wallSeconds),
                (int) clamp(cpuSeconds, 1, ceiling.cpuSeconds),
                (long) clamp(memoryBytes, 16 * MB, ceiling.memoryBytes),
                (int) clamp(processes, 4, ceiling.processes),
                (long) clamp(fileSizeBytes, 1, ceiling.fileSizeBytes),
                (int) clamp(openFiles, 16, ceiling.openFiles),
                (int) clamp(outputBytes, 0, ceiling.outputBytes),
                Math.max(outputKillBytes, outputBytes),
                (long) clamp(tmpfsBytes, MB, ceiling.tmpfsBytes));
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
