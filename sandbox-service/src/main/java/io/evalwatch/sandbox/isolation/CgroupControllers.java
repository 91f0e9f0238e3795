package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cgroup v1 controllers the sandbox can use, each as this service instance's parent group
 * ({@code <root>/<controller>/<name>/<instance>}). A controller that is not mounted or not writable is absent.
 */
public record CgroupControllers(Optional<Path> memory, Optional<Path> pids, Optional<Path> freezer, List<String> problems) {

    public static CgroupControllers detect(Path root, String name) {
        List<String> problems = new ArrayList<>();
        return new CgroupControllers(
                usable(root, "memory", name, problems),
                usable(root, "pids", name, problems),
                usable(root, "freezer", name, problems),
                List.copyOf(problems));
    }

    public static CgroupControllers none() {
        return new CgroupControllers(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    private static Optional<Path> usable(Path root, String controller, String name, List<String> problems) {
        Path mount = root.resolve(controller);
        if (!Files.isRegularFile(mount.resolve("cgroup.procs"))) {
            problems.add("no cgroup v1 " + controller + " controller mounted at " + mount);
            return Optional.empty();
        }
        Path parent = mount.resolve(name);
        try {
            Files.createDirectories(parent);
            return Optional.of(parent);
        } catch (IOException e) {
            problems.add("cannot create cgroup " + parent + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Removes the empty groups of instances that are no longer running. Their sandboxes died with them
     * (bubblewrap's --die-with-parent), so nothing is killed here: a pid read from a stale group could by now
     * belong to an unrelated process.
     */
    public void removeAbandoned(String ownInstance) {
        for (Optional<Path> parent : List.of(memory, pids, freezer)) {
            if (parent.isEmpty()) {
                continue;
            }
            try (Stream<Path> instances = Files.list(parent.get())) {
                for (Path instance : instances.filter(Files::isDirectory).toList()) {
                    String instanceName = instance.getFileName().toString();
                    if (instanceName.equals(ownInstance) || alive(instanceName)) {
                        continue;
                    }
                    try (Stream<Path> slots = Files.list(instance)) {
                        for (Path slot : slots.filter(Files::isDirectory).toList()) {
                            Files.deleteIfExists(slot);
                        }
                    }
                    Files.deleteIfExists(instance);
                }
            } catch (IOException | RuntimeException ignored) {
                // best effort: a group that cannot be removed now is retried at the next start
            }
        }
    }

    /** Removes this instance's (empty) group under each controller, once its slots' groups are gone. */
    public void removeInstance(String instance) {
        for (Optional<Path> parent : List.of(memory, pids, freezer)) {
            if (parent.isPresent()) {
                try {
                    Files.deleteIfExists(parent.get().resolve(instance));
                } catch (IOException ignored) {
                    // still has members: removed as abandoned by the next start on this host
                }
            }
        }
    }

    private static boolean alive(String instanceName) {
        if (!instanceName.startsWith("pid-")) {
            return true;
        }
        try {
            return ProcessHandle.of(Long.parseLong(instanceName.substring(4))).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
