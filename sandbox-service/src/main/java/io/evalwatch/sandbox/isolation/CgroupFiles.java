package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading and writing cgroup interface files, the same under v1 and v2. */
final class CgroupFiles {

    private CgroupFiles() {
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    /** The processes listed in a group's cgroup.procs, zombies left out. */
    static List<Long> members(Path group) throws IOException {
        List<Long> members = new ArrayList<>();
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

    /** The value of one key of a flat-keyed file such as memory.events ({@code oom_kill 3}); 0 when absent. */
    static long keyed(Path file, String key) throws IOException {
        for (String line : read(file).split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && fields[0].equals(key)) {
                return Long.parseLong(fields[1]);
            }
        }
        return 0;
    }

    /** Under {@code parent} (one service's groups), removes the empty groups of instances no longer running. */
    static void removeAbandoned(Path parent, String ownInstance) {
        try (Stream<Path> instances = Files.list(parent)) {
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
