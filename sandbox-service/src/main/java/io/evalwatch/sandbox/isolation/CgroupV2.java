package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sandbox's groups in the unified hierarchy of cgroup v2, under the subtree delegated to this service: the
 * cgroup the service runs in ({@code /proc/self/cgroup}; systemd's {@code Delegate=yes} hands it over with its
 * controllers). v2 forbids processes in a group whose children get controllers, so unless that group is the
 * hierarchy's root, the service first moves its group's processes into a leaf of their own
 * ({@value #SERVICE_LEAF}), then enables memory, pids and cpu for {@code <name>/<instance>/<slot>}.
 *
 * @param parent {@code <delegated group>/<name>}: one child per service instance
 * @param controllers the controllers its groups get (of memory, pids and cpu)
 * @param cpus CPUs' worth of time one run may use at once (cpu.max), 0 for no quota
 */
public record CgroupV2(Path parent, Set<String> controllers, double cpus, List<String> problems, String reason)
        implements CgroupHierarchy {

    /** Where the service's own processes go, beside its sandbox groups. */
    public static final String SERVICE_LEAF = "sandbox-service";

    private static final List<String> WANTED = List.of("memory", "pids", "cpu");
    private static final int ENABLE_ATTEMPTS = 5;

    /**
     * @param root the cgroup2 mount
     * @param ownCgroup the contents of /proc/self/cgroup ({@code 0::/system.slice/x.service})
     */
    public static CgroupV2 detect(Path root, String name, String ownCgroup, double cpus, String reason) {
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            problems.add("no cgroup v2 hierarchy mounted at " + root);
            return unusable(problems, reason);
        }
        Path base = delegated(root, ownCgroup);
        try {
            Set<String> offered = words(CgroupFiles.read(base.resolve("cgroup.controllers")));
            Set<String> controllers = new LinkedHashSet<>();
            for (String controller : WANTED) {
                if (offered.contains(controller) && (cpus > 0 || !controller.equals("cpu"))) {
                    controllers.add(controller);
                }
            }
            if (!controllers.contains("memory") && !controllers.contains("pids")) {
                problems.add("the cgroup v2 group " + base + " has no memory or pids controller (it offers \""
                        + String.join(" ", offered) + "\"): delegate them to the service (systemd: Delegate=yes)");
                return unusable(problems, reason);
            }
            for (String controller : WANTED) {
                if (!controllers.contains(controller) && (cpus > 0 || !controller.equals("cpu"))) {
                    problems.add("the cgroup v2 group " + base + " has no " + controller + " controller");
                }
            }
            boolean hierarchyRoot = !Files.exists(base.resolve("cgroup.type"));
            enable(base, controllers, !hierarchyRoot);
            Path parent = base.resolve(name);
            Files.createDirectories(parent);
            enable(parent, controllers, false);
            // in WANTED's order: Set.copyOf's order changes from one JVM to the next
            return new CgroupV2(parent, Collections.unmodifiableSet(controllers), cpus, List.copyOf(problems), reason
                    + (hierarchyRoot ? "" : "; the service's own processes moved to " + base.resolve(SERVICE_LEAF)));
        } catch (IOException e) {
            problems.add("cannot set up cgroup v2 groups under " + base + ": " + e.getMessage());
            return unusable(problems, reason);
        }
    }

    private static CgroupV2 unusable(List<String> problems, String reason) {
        return new CgroupV2(null, Set.of(), 0, List.copyOf(problems), reason);
    }

    /** The group delegated to this service: where it runs, or the parent of the leaf an earlier start moved it to. */
    public static Path delegated(Path root, String ownCgroup) {
        String own = ownCgroup.lines().filter(line -> line.startsWith("0::")).findFirst()
                .map(line -> line.substring(3).trim().replaceFirst("^/+", "")).orElse("");
        Path base = own.isEmpty() ? root : root.resolve(own);
        return !base.equals(root) && base.getFileName().toString().equals(SERVICE_LEAF) ? base.getParent() : base;
    }

    /**
     * Turns the controllers on for the group's children. A group that is not the root may hold no process then:
     * its processes (this service's, where systemd delegated the group) are moved to the service's leaf first, and
     * again if one was forked in the meantime (the kernel refuses the change with EBUSY until none is left).
     */
    private static void enable(Path group, Set<String> controllers, boolean moveProcesses) throws IOException {
        String change = controllers.stream().map(c -> "+" + c).collect(Collectors.joining(" "));
        for (int attempt = 1; ; attempt++) {
            if (moveProcesses) {
                moveToLeaf(group);
            }
            try {
                CgroupFiles.write(group.resolve("cgroup.subtree_control"), change);
                return;
            } catch (IOException e) {
                if (!moveProcesses || attempt == ENABLE_ATTEMPTS) {
                    throw new IOException("cannot enable " + change + " in " + group.resolve("cgroup.subtree_control")
                            + ": " + e.getMessage() + (moveProcesses ? " (processes other than this service's in "
                            + group + "?)" : ""), e);
                }
            }
        }
    }

    private static void moveToLeaf(Path group) throws IOException {
        List<Long> processes = CgroupFiles.members(group);
        if (processes.isEmpty()) {
            return;
        }
        Path leaf = group.resolve(SERVICE_LEAF);
        Files.createDirectories(leaf);
        for (long pid : processes) {
            try {
                CgroupFiles.write(leaf.resolve("cgroup.procs"), Long.toString(pid));
            } catch (IOException exited) {
                // gone since the list was read; any other refusal shows when the controllers are enabled
            }
        }
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public boolean limitsMemory() {
        return controllers.contains("memory");
    }

    @Override
    public boolean limitsProcesses() {
        return controllers.contains("pids");
    }

    @Override
    public String describe() {
        if (!available()) {
            return "none: " + reason + "; " + String.join("; ", problems);
        }
        String quota = !controllers.contains("cpu") ? "no CPU quota" : cpus + " CPU per run";
        return "cgroup v2 (" + String.join(", ", WANTED.stream().filter(controllers::contains).toList()) + "; " + quota
                + ") under " + parent + ": " + reason;
    }

    @Override
    public SlotCgroup group(String instance, String name, boolean cpuQuota) throws IOException {
        Path instanceGroup = parent.resolve(instance);
        Files.createDirectories(instanceGroup);
        // idempotent: the instance's first group turns the controllers on for all of its groups
        enable(instanceGroup, controllers, false);
        Path group = instanceGroup.resolve(name);
        Files.createDirectories(group);
        return new SlotCgroupV2(group, controllers, cpuQuota ? cpus : 0);
    }

    @Override
    public void removeAbandoned(String ownInstance) {
        if (parent != null) {
            CgroupFiles.removeAbandoned(parent, ownInstance);
        }
    }

    @Override
    public void removeInstance(String instance) {
        if (parent != null) {
            try {
                Files.deleteIfExists(parent.resolve(instance));
            } catch (IOException ignored) {
                // still has members: removed as abandoned by the next start on this host
            }
        }
    }
}
