package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cgroup v1 controllers the sandbox can use, each as this service's parent group
 * ({@code <root>/<controller>/<name>}, one child per instance). A controller that is not mounted or not writable is
 * absent. v1 sets no CPU quota.
 */
public record CgroupV1(Optional<Path> memory, Optional<Path> pids, Optional<Path> freezer, List<String> problems,
        String reason) implements CgroupHierarchy {

    public static CgroupV1 detect(Path root, String name, String reason) {
        List<String> problems = new ArrayList<>();
        return new CgroupV1(
                usable(root, "memory", name, problems),
                usable(root, "pids", name, problems),
                usable(root, "freezer", name, problems),
                List.copyOf(problems), reason);
    }

    public static CgroupV1 none() {
        return new CgroupV1(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), "not running as root");
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

    @Override
    public boolean limitsMemory() {
        return memory.isPresent();
    }

    @Override
    public boolean limitsProcesses() {
        return pids.isPresent();
    }

    @Override
    public String describe() {
        if (!available()) {
            return "none: " + reason + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        }
        String controllers = Stream.of(memory, pids, freezer).flatMap(Optional::stream)
                .map(p -> p.getParent().getFileName().toString()).collect(Collectors.joining(", "));
        return "cgroup v1 (" + controllers + ", no CPU quota) under " + memory.or(() -> pids).orElseThrow().getParent()
                .getParent() + ": " + reason;
    }

    @Override
    public SlotCgroup group(String instance, String name, boolean cpuQuota) throws IOException {
        return new SlotCgroupV1(makeGroup(memory, instance, name), makeGroup(pids, instance, name),
                makeGroup(freezer, instance, name));
    }

    private static Path makeGroup(Optional<Path> parent, String instance, String name) throws IOException {
        if (parent.isEmpty()) {
            return null;
        }
        Path group = parent.get().resolve(instance).resolve(name);
        Files.createDirectories(group);
        return group;
    }

    @Override
    public void removeAbandoned(String ownInstance) {
        for (Optional<Path> parent : List.of(memory, pids, freezer)) {
            parent.ifPresent(p -> CgroupFiles.removeAbandoned(p, ownInstance));
        }
    }

    @Override
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
}
