package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the sandbox's cgroups live: cgroup v1 ({@link CgroupV1}, one hierarchy per controller) or the unified
 * hierarchy of cgroup v2 ({@link CgroupV2}), chosen once at start-up by what the host has; {@link #none()} without
 * either (memory and processes are then held by rlimits only).
 */
public interface CgroupHierarchy {

    /** {@code auto} (what the host has), {@code v1} or {@code v2}: the key {@code evalwatch.sandbox.cgroup-version}. */
    enum Version {
        AUTO, V1, V2;

        public static Version of(String name) {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Picks the hierarchy: v2 when {@code root} is itself a cgroup2 mount (the unified hierarchy, today's
     * distributions and container hosts), else v1, else (a hybrid host whose v1 lacks memory and pids) a v2
     * hierarchy at {@code root/unified} that has them.
     *
     * @param ownCgroup the contents of /proc/self/cgroup: where this process sits in the v2 hierarchy
     * @param cpus CPUs' worth of time a run may use at once (cgroup v2 cpu.max); 0 for no quota
     */
    static CgroupHierarchy detect(Version version, Path root, String name, String ownCgroup, double cpus) {
        Path unified = root.resolve("unified");
        return switch (version) {
            case V1 -> CgroupV1.detect(root, name, "cgroup v1 asked for (evalwatch.sandbox.cgroup-version=v1)");
            case V2 -> CgroupV2.detect(Files.isRegularFile(root.resolve("cgroup.controllers")) ? root : unified, name,
                    ownCgroup, cpus, "cgroup v2 asked for (evalwatch.sandbox.cgroup-version=v2)");
            case AUTO -> {
                if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
                    yield CgroupV2.detect(root, name, ownCgroup, cpus, "the unified hierarchy is mounted at " + root);
                }
                CgroupV1 v1 = CgroupV1.detect(root, name, "cgroup v1 controllers are mounted under " + root);
                if (v1.available() || !Files.isRegularFile(unified.resolve("cgroup.controllers"))) {
                    yield v1;
                }
                CgroupV2 v2 = CgroupV2.detect(unified, name, ownCgroup, cpus,
                        "no usable cgroup v1 controller, but a unified hierarchy at " + unified);
                yield v2.available() ? v2 : v1;
            }
        };
    }

    static CgroupHierarchy none() {
        return CgroupV1.none();
    }

    /** Whether runs can be held and swept by a cgroup at all (a memory or a pids controller). */
    default boolean available() {
        return limitsMemory() || limitsProcesses();
    }

    boolean limitsMemory();

    boolean limitsProcesses();

    /** Which hierarchy, where and why, for the start-up log: {@code cgroup v2 (memory, pids, cpu) at …: because …}. */
    String describe();

    /** What could not be used, and why (shown as readiness warnings). */
    List<String> problems();

    /**
     * Creates (or takes over) a group of this service instance, empty and without limits until
     * {@link SlotCgroup#prepare}.
     *
     * @param cpuQuota whether the group's runs get the per-run CPU quota (a compile server, serving every slot, does
     *        not)
     */
    SlotCgroup group(String instance, String name, boolean cpuQuota) throws IOException;

    /**
     * Removes the empty groups of instances that are no longer running. Their sandboxes died with them
     * (bubblewrap's --die-with-parent), so nothing is killed here: a pid read from a stale group could by now
     * belong to an unrelated process.
     */
    void removeAbandoned(String ownInstance);

    /** Removes this instance's (empty) groups, once its slots' groups are gone. */
    void removeInstance(String instance);
}
