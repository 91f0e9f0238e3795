package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One group of the unified hierarchy: {@code memory.max} (swap off), {@code pids.max} and {@code cpu.max} hold the
 * run; the verdict's evidence is the growth of {@code memory.events} (max, oom_kill) and {@code pids.events} (max)
 * over the run. Peak memory comes from {@code memory.peak} where the kernel can reset it per run (Linux 6.12+), else
 * it is not measured (0). Whatever is left after a run goes through {@code cgroup.kill} (Linux 5.14+), or is frozen
 * ({@code cgroup.freeze}) and killed.
 */
final class SlotCgroupV2 implements SlotCgroup {

    /** cpu.max's period: the quota is this many microseconds times the CPUs a run may use. */
    static final long CPU_PERIOD_MICROS = 100_000;

    private final Path group;
    private final boolean memory;
    private final boolean pids;
    private final boolean cpu;
    private final double cpus;
    private long appliedMemory = -1;
    private int appliedProcesses = -1;
    private long memoryLimitHitsBefore;
    private long oomKillsBefore;
    private long processLimitHitsBefore;
    /** memory.peak opened and reset for this run: a reset holds only for reads through the same descriptor. */
    private FileChannel peak;

    SlotCgroupV2(Path group, Set<String> controllers, double cpus) throws IOException {
        this.group = group;
        this.memory = controllers.contains("memory");
        this.pids = controllers.contains("pids");
        this.cpu = controllers.contains("cpu");
        this.cpus = cpus;
        if (memory && Files.exists(group.resolve("memory.swap.max"))) {
            // as under v1's memory.limit_in_bytes, the limit is on memory, not memory plus swap
            CgroupFiles.write(group.resolve("memory.swap.max"), "0");
        }
        if (cpu) {
            CgroupFiles.write(group.resolve("cpu.max"), cpuMax(cpus));
        }
    }

    /** The cpu.max line for a quota of {@code cpus} CPUs ({@code max}: none). */
    static String cpuMax(double cpus) {
        return (cpus > 0 ? Long.toString(Math.max(1000, Math.round(cpus * CPU_PERIOD_MICROS))) : "max") + " "
                + CPU_PERIOD_MICROS;
    }

    @Override
    public boolean limitsMemory() {
        return memory;
    }

    @Override
    public boolean limitsProcesses() {
        return pids;
    }

    @Override
    public List<Path> membershipFiles() {
        return List.of(group.resolve("cgroup.procs"));
    }

    @Override
    public void prepare(Limits limits) throws IOException {
        if (memory) {
            if (appliedMemory != limits.memoryBytes()) {
                CgroupFiles.write(group.resolve("memory.max"), Long.toString(limits.memoryBytes()));
                appliedMemory = limits.memoryBytes();
            }
            Path events = group.resolve("memory.events");
            memoryLimitHitsBefore = CgroupFiles.keyed(events, "max");
            oomKillsBefore = CgroupFiles.keyed(events, "oom_kill");
            resetPeak();
        }
        if (pids) {
            if (appliedProcesses != limits.processes()) {
                CgroupFiles.write(group.resolve("pids.max"), Integer.toString(limits.processes()));
                appliedProcesses = limits.processes();
            }
            processLimitHitsBefore = CgroupFiles.keyed(group.resolve("pids.events"), "max");
        }
    }

    private void resetPeak() {
        closePeak();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(group.resolve("memory.peak"), StandardOpenOption.READ, StandardOpenOption.WRITE);
            channel.write(StandardCharsets.US_ASCII.encode("reset\n"));
            peak = channel;
        } catch (IOException | UnsupportedOperationException notResettable) {
            // before Linux 6.12 memory.peak is read-only, the peak since the group was made: not this run's
            closeQuietly(channel);
        }
    }

    @Override
    public ResourceEvidence evidence() {
        try {
            long limitHits = 0;
            long oomKills = 0;
            if (memory) {
                Path events = group.resolve("memory.events");
                limitHits = CgroupFiles.keyed(events, "max") - memoryLimitHitsBefore;
                oomKills = CgroupFiles.keyed(events, "oom_kill") - oomKillsBefore;
            }
            long refused = pids ? CgroupFiles.keyed(group.resolve("pids.events"), "max") - processLimitHitsBefore : 0;
            return new ResourceEvidence(limitHits, oomKills, refused, peakMemory());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long peakMemory() {
        if (peak == null) {
            return 0;
        }
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            peak.read(buffer, 0);
            buffer.flip();
            return Long.parseLong(StandardCharsets.US_ASCII.decode(buffer).toString().trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public long memoryUsage() throws IOException {
        return memory ? Long.parseLong(CgroupFiles.read(group.resolve("memory.current")).trim()) : 0;
    }

    @Override
    public List<Long> members() throws IOException {
        return CgroupFiles.members(group);
    }

    @Override
    public synchronized int killAll(Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Set<Long> killed = new HashSet<>();
        List<Long> members = members();
        // processes already on their way out (a pid namespace being torn down) leave within a moment
        for (int wait = 0; wait < 20 && !members.isEmpty(); wait++) {
            Thread.sleep(0, 500_000);
            members = members();
        }
        boolean killFile = Files.exists(group.resolve("cgroup.kill"));
        while (!members.isEmpty()) {
            if (killFile) {
                // the kernel kills every member at once, and any process forked meanwhile: no pid is ever reused
                killed.addAll(members);
                CgroupFiles.write(group.resolve("cgroup.kill"), "1");
            } else {
                freeze(true, deadline);
                members = members();
                for (long pid : members) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                killed.addAll(members);
                freeze(false, deadline);
            }
            Thread.sleep(2);
            members = members();
            if (System.nanoTime() > deadline) {
                throw new IOException("processes " + members + " survived SIGKILL in " + group);
            }
        }
        return killed.size();
    }

    private void freeze(boolean frozen, long deadline) throws IOException, InterruptedException {
        CgroupFiles.write(group.resolve("cgroup.freeze"), frozen ? "1" : "0");
        while (frozen && CgroupFiles.keyed(group.resolve("cgroup.events"), "frozen") != 1
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Override
    public void remove() {
        closePeak();
        try {
            Files.deleteIfExists(group);
        } catch (IOException ignored) {
            // a group that still has members stays; the next start cleans it up
        }
    }

    private void closePeak() {
        closeQuietly(peak);
        peak = null;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it that matters
            }
        }
    }
}
