package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A slot's groups under cgroup v1: memory, pids and, when mounted, freezer (each null when its controller is absent).
 * The memory group's failcnt and peak are reset before each run; the OOM kills and refused forks are differences.
 */
final class SlotCgroupV1 implements SlotCgroup {

    private final Path memory;
    private final Path pids;
    private final Path freezer;
    private long appliedMemory = -1;
    private int appliedProcesses = -1;
    private long oomKillsBefore;
    private long processLimitHitsBefore;

    SlotCgroupV1(Path memory, Path pids, Path freezer) {
        this.memory = memory;
        this.pids = pids;
        this.freezer = freezer;
    }

    @Override
    public boolean limitsMemory() {
        return memory != null;
    }

    @Override
    public boolean limitsProcesses() {
        return pids != null;
    }

    @Override
    public List<Path> membershipFiles() {
        List<Path> files = new ArrayList<>();
        for (Path group : new Path[] {memory, pids, freezer}) {
            if (group != null) {
                files.add(group.resolve("cgroup.procs"));
            }
        }
        return files;
    }

    @Override
    public void prepare(Limits limits) throws IOException {
        if (memory != null) {
            if (appliedMemory != limits.memoryBytes()) {
                try {
                    write(memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
                } catch (IOException stillCharged) {
                    // kernel memory of the last run may still be charged above the new, lower limit
                    write(memory.resolve("memory.force_empty"), "0");
                    write(memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
                }
                appliedMemory = limits.memoryBytes();
            }
            write(memory.resolve("memory.failcnt"), "0");
            write(memory.resolve("memory.max_usage_in_bytes"), "0");
            oomKillsBefore = oomKills();
        }
        if (pids != null) {
            if (appliedProcesses != limits.processes()) {
                write(pids.resolve("pids.max"), Integer.toString(limits.processes()));
                appliedProcesses = limits.processes();
            }
            processLimitHitsBefore = processLimitHits();
        }
    }

    @Override
    public ResourceEvidence evidence() {
        try {
            long failures = memory == null ? 0 : Long.parseLong(read(memory.resolve("memory.failcnt")).trim());
            long peak = memory == null ? 0 : Long.parseLong(read(memory.resolve("memory.max_usage_in_bytes")).trim());
            long oom = memory == null ? 0 : oomKills() - oomKillsBefore;
            long refused = pids == null ? 0 : processLimitHits() - processLimitHitsBefore;
            return new ResourceEvidence(failures, oom, refused, peak);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long memoryUsage() throws IOException {
        return memory == null ? 0 : Long.parseLong(read(memory.resolve("memory.usage_in_bytes")).trim());
    }

    @Override
    public List<Long> members() throws IOException {
        Path group = memory != null ? memory : pids != null ? pids : freezer;
        return group == null ? new ArrayList<>() : CgroupFiles.members(group);
    }

    /**
     * With the freezer, members are frozen first so none can exit and have its pid reused by an unrelated process
     * between reading the list and the kill.
     */
    @Override
    public synchronized int killAll(Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int killed = 0;
        List<Long> members = members();
        // processes already on their way out (a pid namespace being torn down) leave within a moment
        for (int wait = 0; wait < 20 && !members.isEmpty(); wait++) {
            Thread.sleep(0, 500_000);
            members = members();
        }
        while (!members.isEmpty()) {
            if (freezer != null) {
                freeze(deadline);
                members = members();
            }
            for (long pid : members) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                killed++;
            }
            if (freezer != null) {
                write(freezer.resolve("freezer.state"), "THAWED");
            }
            Thread.sleep(2);
            members = members();
            if (System.nanoTime() > deadline) {
                throw new IOException("processes " + members + " survived SIGKILL in " + memory);
            }
        }
        return killed;
    }

    private void freeze(long deadline) throws IOException, InterruptedException {
        write(freezer.resolve("freezer.state"), "FROZEN");
        while (!read(freezer.resolve("freezer.state")).trim().equals("FROZEN") && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Override
    public void remove() {
        for (Path group : new Path[] {memory, pids, freezer}) {
            if (group != null) {
                try {
                    Files.deleteIfExists(group);
                } catch (IOException ignored) {
                    // a group that still has members stays; the next start cleans it up
                }
            }
        }
    }

    private long oomKills() throws IOException {
        return CgroupFiles.keyed(memory.resolve("memory.oom_control"), "oom_kill");
    }

    private long processLimitHits() throws IOException {
        return CgroupFiles.keyed(pids.resolve("pids.events"), "max");
    }

    private static String read(Path file) throws IOException {
        return CgroupFiles.read(file);
    }

    private static void write(Path file, String value) throws IOException {
        CgroupFiles.write(file, value);
    }
}
