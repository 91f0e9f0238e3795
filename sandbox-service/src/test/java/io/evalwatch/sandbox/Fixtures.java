package io.evalwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.service.ExecutionService;
import io.evalwatch.sandbox.isolation.CgroupV2;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/** Requests and host-side checks shared by the sandbox tests. */
public final class Fixtures {

    /** %test.evalwatch.sandbox.uid-base: apart from any service instance running on the same host. */
    public static final int UID_BASE = 64200;

    private Fixtures() {
    }

    public static ExecutionRequest python(String code, String entryPoint, TestCase... tests) {
        return new ExecutionRequest("python", code, entryPoint, List.of(tests), LimitsOverride.none(), null, false);
    }

    public static ExecutionRequest withWall(ExecutionRequest request, double seconds) {
        return new ExecutionRequest(request.language(), request.code(), request.entryPoint(), request.tests(),
                LimitsOverride.wallTime(seconds), request.rawOutput(), request.analyze(), request.environment());
    }

    public static TestCase test(String name, String code) {
        return new TestCase(name, code, false);
    }

    public static TestCase edge(String name, String code) {
        return new TestCase(name, code, true);
    }

    /** Runs the requests through the service with one client thread per slot, results in request order. */
    public static List<ExecutionResult> executeAll(ExecutionService executions, int slots, List<ExecutionRequest> requests)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        try {
            List<Future<ExecutionResult>> futures = new ArrayList<>();
            for (ExecutionRequest request : requests) {
                futures.add(pool.submit(() -> executions.execute(request, Duration.ofMinutes(5))));
            }
            List<ExecutionResult> results = new ArrayList<>();
            for (Future<ExecutionResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    public static Path repositoryRoot() {
        String root = System.getProperty("evalwatch.root");
        if (root == null) {
            throw new IllegalStateException("the build passes the repository root as -Devalwatch.root");
        }
        return Path.of(root);
    }

    /** The public datasets, read in place: EVALWATCH_DATASETS (via the build), or ../shared/datasets. */
    public static Path datasets() {
        String folder = System.getProperty("datasets.dir");
        return (folder != null ? Path.of(folder) : repositoryRoot().resolve("../shared/datasets")).normalize();
    }

    /** Processes on the host running as any slot's uid: after a run there must be none. */
    public static List<String> sandboxProcesses(int slots) throws IOException {
        return sandboxProcesses(slots, List.of());
    }

    /** The same, but for the given pids: sandboxes launched ahead, waiting for a run (none ran anything yet). */
    public static List<String> sandboxProcesses(int slots, List<Long> waiting) throws IOException {
        Set<String> servers = idleForkServers();
        waiting.forEach(pid -> servers.add(Long.toString(pid)));
        List<String> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    for (String line : Files.readAllLines(entry.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            long uid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                            if (uid >= UID_BASE && uid < UID_BASE + slots && !zombie(entry)
                                    && !servers.contains(entry.getFileName().toString())) {
                                String command = new String(Files.readAllBytes(entry.resolve("cmdline")))
                                        .replace('\0', ' ').strip();
                                String state = Files.readAllLines(entry.resolve("status")).stream()
                                        .filter(l -> l.startsWith("State:") || l.startsWith("PPid:"))
                                        .map(l -> l.replaceAll("\\s+", " ")).reduce("", (a, b) -> a + " " + b);
                                found.add(entry.getFileName() + " (uid " + uid + ", " + command + "," + state + ")");
                            }
                        }
                    }
                } catch (IOException gone) {
                    // exited while listing
                }
            }
        }
        return found;
    }

    /** An exited process waiting to be reaped (by the host's init, for the sandbox's pid 1): it runs nothing. */
    static boolean zombie(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }

    /** Every slot cgroup of this JVM's sandbox is empty (zombies aside; compile servers aside). */
    public static void assertCgroupsEmpty() throws IOException {
        assertCgroupsEmpty(List.of());
    }

    /** The same, but for the given pids: sandboxes launched ahead, waiting for a run. */
    public static void assertCgroupsEmpty(List<Long> waiting) throws IOException {
        Path parent = instanceCgroups();
        if (!Files.isDirectory(parent)) {
            return;
        }
        Set<String> servers = idleForkServers();
        waiting.forEach(pid -> servers.add(Long.toString(pid)));
        try (Stream<Path> slots = Files.list(parent)) {
            // a Java compile server's group holds the server between compiles: no run's process is ever in it
            for (Path slot : slots.filter(Files::isDirectory)
                    .filter(g -> !g.getFileName().toString().startsWith("compile-server-")).toList()) {
                List<String> members = members(slot).stream().filter(pid -> !servers.contains(pid)).toList();
                assertEquals(List.of(), members, "processes left in " + slot);
            }
        }
    }

    /** This JVM's sandbox groups: in the pids hierarchy under cgroup v1, beside the service's leaf under v2. */
    private static Path instanceCgroups() {
        String instance = "pid-" + ProcessHandle.current().pid();
        Path root = Path.of("/sys/fs/cgroup");
        if (!Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            return root.resolve("pids/evalwatch-sandbox").resolve(instance);
        }
        try {
            return CgroupV2.delegated(root, Files.readString(Path.of("/proc/self/cgroup")))
                    .resolve("evalwatch-sandbox").resolve(instance);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> members(Path group) throws IOException {
        return Files.readAllLines(group.resolve("cgroup.procs")).stream().map(String::trim)
                .filter(pid -> !pid.isEmpty() && !zombie(Path.of("/proc", pid))).toList();
    }

    /**
     * The pids of the slots' Python fork servers while they wait for work: in each fork server's cgroup, exactly
     * bubblewrap and its one child, the server. Anything more there (a run's supervisor or a process of a run)
     * is not idle, and shows up as left over.
     */
    public static Set<String> idleForkServers() throws IOException {
        return idleForkServers(false);
    }

    /**
     * @param plainOnly only the slots' plain servers (cgroup {@code fork-server-<n>}), not the servers a slot keeps
     *        for suite environments ({@code fork-server-<n>-env-<k>}), which come and go with the environments used
     */
    public static Set<String> idleForkServers(boolean plainOnly) throws IOException {
        Path parent = instanceCgroups();
        Set<String> idle = new HashSet<>();
        if (!Files.isDirectory(parent)) {
            return idle;
        }
        try (Stream<Path> groups = Files.list(parent)) {
            for (Path group : groups.filter(g -> plainOnly ? g.getFileName().toString().matches("fork-server-\\d+")
                    : g.getFileName().toString().startsWith("fork-server-")).toList()) {
                List<String> members = members(group);
                if (members.size() != 2) {
                    continue;
                }
                for (int i = 0; i < 2; i++) {
                    String launcher = members.get(i);
                    String server = members.get(1 - i);
                    boolean shaped = ProcessHandle.of(Long.parseLong(server)).flatMap(ProcessHandle::parent)
                            .map(p -> Long.toString(p.pid()).equals(launcher)).orElse(false)
                            && ProcessHandle.of(Long.parseLong(launcher)).flatMap(h -> h.info().command())
                                    .map(c -> c.endsWith("bwrap")).orElse(false);
                    if (shaped) {
                        idle.addAll(members);
                    }
                }
            }
        }
        return idle;
    }
}
