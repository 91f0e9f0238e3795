package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The cgroup of one slot (or of a fork or compile server): {@link SlotCgroupV1} or {@link SlotCgroupV2}. A slot's
 * runs never overlap, so its group is reused: limits are written before a run, counters read after it (as
 * differences from before it), and whatever is left inside is killed. Membership is inherited and cannot be left
 * without write access to the cgroup files, so a process that called setsid or double-forked is still found here.
 */
public interface SlotCgroup {

    /** Creates (or takes over) the slot's group. */
    static SlotCgroup create(CgroupHierarchy hierarchy, String instance, int slot) throws IOException {
        return hierarchy.group(instance, "slot-" + slot, true);
    }

    /** A group of its own for a slot's fork server, so sweeping the slot's launched runs never touches it. */
    static SlotCgroup createForkServer(CgroupHierarchy hierarchy, String instance, int slot) throws IOException {
        return hierarchy.group(instance, "fork-server-" + slot, true);
    }

    /** A group of its own for one of a slot's environment fork servers (named by the caller, unique per slot). */
    static SlotCgroup createForkServer(CgroupHierarchy hierarchy, String instance, int slot, String name)
            throws IOException {
        return hierarchy.group(instance, "fork-server-" + slot + "-" + name, true);
    }

    /** A group of its own for a Java compile server: its own memory and process limits, killed with it. */
    static SlotCgroup createCompileServer(CgroupHierarchy hierarchy, String instance, String name) throws IOException {
        return hierarchy.group(instance, "compile-server-" + name, false);
    }

    boolean limitsMemory();

    boolean limitsProcesses();

    /** The cgroup.procs files the launcher writes its own pid into before it execs the sandbox. */
    List<java.nio.file.Path> membershipFiles();

    /** Sets the run's limits and takes the counters' values before it. */
    void prepare(Limits limits) throws IOException;

    /** What the kernel counted during the run since {@link #prepare}. */
    ResourceEvidence evidence();

    /** Memory charged to the group now (0 without a memory controller). */
    long memoryUsage() throws IOException;

    /** The group's processes, zombies left out. */
    List<Long> members() throws IOException;

    /**
     * Kills everything still in the group, without ever signalling a pid that may have been reused by an unrelated
     * process since the group was read.
     *
     * @return how many processes had to be killed
     */
    int killAll(Duration patience) throws IOException, InterruptedException;

    /** Removes the group; it must be empty. */
    void remove();
}
