package io.evalwatch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.service.ExecutionService;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
                LimitsOverride.wallTime(seconds), request.rawOutput(), request.analyze());
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

    /** Processes on the host running as any slot's uid: after a run there must be none. */
    public static List<String> sandboxProcesses(int slots) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    for (String line : Files.readAllLines(entry.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            long uid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                            if (uid >= UID_BASE && uid < UID_BASE + slots && !zombie(entry)) {
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

    /** Every slot cgroup of this JVM's sandbox is empty (zombies aside). */
    public static void assertCgroupsEmpty() throws IOException {
        Path parent = Path.of("/sys/fs/cgroup/pids/evalwatch-sandbox/pid-" + ProcessHandle.current().pid());
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> slots = Files.list(parent)) {
            for (Path slot : slots.filter(Files::isDirectory).toList()) {
                List<String> members = Files.readAllLines(slot.resolve("cgroup.procs")).stream()
                        .filter(pid -> !pid.isBlank() && !zombie(Path.of("/proc", pid.trim()))).toList();
                assertEquals(List.of(), members, "processes left in " + slot);
            }
        }
    }
}
