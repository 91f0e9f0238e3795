package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cgroup v1 groups of one slot (memory, pids and, when mounted, freezer). A slot's runs never overlap, so
 * its groups are reused: limits are written before a run, counters read after it, and whatever is left
 * inside is killed. Membership is inherited and cannot be left without write access to these files, so a
 * process that called setsid or double-forked is still found here.
 */
public final class SlotCgroup {

    private final Path memory;
    private final Path pids;
    private final Path freezer;
    private long appliedMemory = -1;
    private int appliedProcesses = -1;
    private long oomKillsBefore;
    private long processLimitHitsBefore;

    private SlotCgroup(Path memory, Path pids, Path freezer) {
        this.memory = memory;
        this.pids = pids;
        this.freezer = freezer;
    }

    /** Creates (or takes over) the slot's groups under each available controller. */
    public static SlotCgroup create(CgroupControllers controllers, String instance, int slot) throws IOException {
        return create(controllers, instance, "slot-" + slot);
    }

    /** A group of its own for a slot's fork server, so sweeping the slot's launched runs never touches it. */
    public static SlotCgroup createForkServer(CgroupControllers controllers, String instance, int slot)
            throws IOException {
        return create(controllers, instance, "fork-server-" + slot);
    }

    /** A group of its own for one of a slot's environment fork servers (named by the caller, unique per slot). */
    public static SlotCgroup createForkServer(CgroupControllers controllers, String instance, int slot, String name)
            throws IOException {
        return create(controllers, instance, "fork-server-" + slot + "-" + name);
    }

    /** A group of its own for a Java compile server: its own memory and process limits, killed with it. */
    public static SlotCgroup createCompileServer(CgroupControllers controllers, String instance, String name)
            throws IOException {
        return create(controllers, instance, "compile-server-" + name);
    }

    private static SlotCgroup create(CgroupControllers controllers, String instance, String name) throws IOException {
        return new SlotCgroup(
                makeGroup(controllers.memory(), instance, name),
                makeGroup(controllers.pids(), instance, name),
                makeGroup(controllers.freezer(), instance, name));
    }

    private static Path makeGroup(Optional<Path> parent, String instance, String name) throws IOException {
        if (parent.isEmpty()) {
            return null;
        }
        Path group = parent.get().resolve(instance).resolve(name);
        Files.createDirectories(group);
        return group;
    }

    public boolean limitsMemory() {
        return memory != null;
    }

    public boolean limitsProcesses() {
        return pids != null;
    }

    /** The cgroup.procs files the launcher writes its own pid into before it execs the sandbox. */
    public List<Path> membershipFiles() {
        List<Path> files = new ArrayList<>();
        for (Path group : new Path[] {memory, pids, freezer}) {
            if (group != null) {
                files.add(group.resolve("cgroup.procs"));
            }
        }
        return files;
    }

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

    /** What the kernel counted during the run since {@link #prepare}. */
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

    /** Memory charged to the group now (0 without a memory controller). */
    public long memoryUsage() throws IOException {
        return memory == null ? 0 : Long.parseLong(read(memory.resolve("memory.usage_in_bytes")).trim());
    }

    public List<Long> members() throws IOException {
        Path group = memory != null ? memory : pids != null ? pids : freezer;
        List<Long> members = new ArrayList<>();
        if (group == null) {
            return members;
        }
        for (String line : read(group.resolve("cgroup.procs")).split("\n")) {
            if (!line.isBlank() && !zombie(line.trim())) {
                members.add(Long.parseLong(line.trim()));
            }
        }
        return members;
    }

    /**
     * A zombie has exited and holds nothing but its pid until its parent reaps it. The sandbox's pid 1 can end
     * up a zombie of the host's init (bubblewrap exits without waiting for it), which may reap it later.
     */
    private static boolean zombie(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII);
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException gone) {
            return true;
        }
    }

    /**
     * Kills everything still in the slot. With the freezer, members are frozen first so none can exit and
     * have its pid reused by an unrelated process between reading the list and the kill.
     *
     * @return how many processes had to be killed
     */
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

    /** Removes the slot's groups; they must be empty. */
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
        for (String line : read(memory.resolve("memory.oom_control")).split("\n")) {
            if (line.startsWith("oom_kill ")) {
                return Long.parseLong(line.substring("oom_kill ".length()).trim());
            }
        }
        return 0;
    }

    private long processLimitHits() throws IOException {
        String events = read(pids.resolve("pids.events")).trim();
        return events.startsWith("max ") ? Long.parseLong(events.substring(4).trim()) : 0;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }
}
