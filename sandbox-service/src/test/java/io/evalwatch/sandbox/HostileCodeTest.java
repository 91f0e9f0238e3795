package io.evalwatch.sandbox;

import static io.evalwatch.localstack.testing.TestTimeScale.scaled;
import static io.evalwatch.sandbox.Fixtures.python;
import static io.evalwatch.sandbox.Fixtures.test;
import static io.evalwatch.sandbox.Fixtures.withWall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.analysis.StaticAnalysis;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.service.ExecutionService;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus: code that tries to escape, exhaust or outlive its sandbox. Each case must be contained,
 * classified from evidence, and leave the service healthy: no process of a sandbox uid left on the host but the
 * idle fork servers, every slot cgroup empty, and the next run unaffected. Python runs here are forked by the
 * slots' fork servers; {@link HostileCodeLaunchedTest} runs the same corpus with every run launching its own
 * sandbox.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class HostileCodeTest {

    private static final Duration SLOT_WAIT = scaled(Duration.ofMinutes(2));

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    @Inject
    StaticAnalysis analysis;

    private ExecutionResult run(ExecutionRequest request) throws Exception {
        return executions.execute(request, SLOT_WAIT);
    }

    private ExecutionResult hostile(String code, double wallSeconds, String... testCode) throws Exception {
        ExecutionRequest request = python(code, "attack", java.util.Arrays.stream(testCode)
                .map(c -> test("t" + c.hashCode(), c)).toArray(io.evalwatch.events.TestCase[]::new));
        return run(withWall(request, scaled(wallSeconds)));
    }

    /** The service's own start-up work (the mypy cache warm-up) runs sandboxed too; it must not count as left. */
    @BeforeEach
    void startUpWorkEnded() throws Exception {
        assertTrue(analysis.awaitWarmUp(scaled(Duration.ofMinutes(5))), "the mypy cache warm-up did not end");
    }

    @AfterEach
    void serviceStillHealthyAndNothingLeft() throws Exception {
        List<String> left = List.of();
        for (int attempt = 0; attempt < Math.ceil(scaled(50)); attempt++) {
            left = Fixtures.sandboxProcesses(sandbox.slots(), sandbox.waitingSandboxPids());
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(List.of(), left, "processes of a sandbox uid outlived their run");
        Fixtures.assertCgroupsEmpty(sandbox.waitingSandboxPids());
        ExecutionResult next = run(python("def add(a, b):\n    return a + b\n", "add", test("sum", "assert add(2, 3) == 5")));
        assertEquals(Outcomes.COMPLETED, next.outcome(), next.message());
        assertTrue(next.tests().get(0).passed());
        assertTrue(sandbox.readiness().ready());
    }

    @Test
    void forkBomb() throws Exception {
        ExecutionResult result = hostile("""
                import os
                def attack():
                    while True:
                        try:
                            os.fork()
                        except OSError:
                            pass
                """, 2, "attack()");
        assertEquals(Outcomes.TIMEOUT, result.outcome());
        assertTrue(result.signals().contains(Signals.violation(Signals.PROCESS_LIMIT)), result.signals().toString());
        assertTrue(result.signals().contains(Signals.SANDBOX_VIOLATION));
        assertEquals(TestResult.TIMEOUT, result.tests().get(0).status());
    }

    @Test
    void forkOnceAndOutliveTheParent() throws Exception {
        ExecutionResult result = hostile("""
                import os, time
                def attack():
                    if os.fork() == 0:
                        time.sleep(60)
                        os._exit(0)
                    return 1
                """, 5, "assert attack() == 1");
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertTrue(result.signals().contains(Signals.violation(Signals.LINGERING_PROCESS)), result.signals().toString());
        assertTrue(result.signals().contains(Signals.SPAWNED_PROCESS));
        // a run that waited for the child would last until its wall-time limit (5 s) and end as a timeout
        assertTrue(result.durationSeconds() < scaled(5), "the run ends with its harness, not with the child: "
                + result.durationSeconds());
    }

    @Test
    void aChildThatExitedUnwaitedIsNotLingering() throws Exception {
        ExecutionResult result = hostile("""
                import os
                def attack():
                    if os.fork() == 0:
                        os._exit(0)
                    return 1
                """, 5, "assert attack() == 1");
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertEquals(List.of(Signals.SPAWNED_PROCESS), result.signals(), "a zombie runs nothing; no violation");
    }

    @Test
    void setsidDoubleForkDaemonCannotWriteAfterTheRun() throws Exception {
        String proof = "evalwatch-daemon-proof-" + UUID.randomUUID();
        String places = "['/tmp/%1$s', '/var/tmp/%1$s', '/dev/shm/%1$s', '/sandbox/in/%1$s', '/%1$s']".formatted(proof);
        ExecutionResult result = hostile("""
                import os, time
                def attack():
                    if os.fork() == 0:
                        os.setsid()
                        if os.fork() == 0:
                            time.sleep(1.0)
                            for place in %s:
                                try:
                                    with open(place, 'w') as f:
                                        f.write('still alive')
                                except OSError:
                                    pass
                        os._exit(0)
                    return 1
                """.formatted(places), 5, "assert attack() == 1");
        assertEquals(Outcomes.COMPLETED, result.outcome());
        // whether the grandchild was already forked (lingering) or not yet when the run ended is a race the machine's
        // load decides; what must hold either way is that the process was seen and nothing outlived the run
        assertTrue(result.signals().contains(Signals.SPAWNED_PROCESS), result.signals().toString());
        Thread.sleep((long) (scaled(1.5) * 1000)); // past the daemon's wake-up: it must have died with the run
        try (var files = Files.walk(Path.of("/tmp"), 4)) {
            List<Path> found = files.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(proof)).toList();
            assertEquals(List.of(), found, "the daemon wrote after its run ended");
        }
        assertFalse(Files.exists(Path.of("/var/tmp", proof)));
        assertFalse(Files.exists(Path.of("/dev/shm", proof)));
        ExecutionResult next = run(python("def absent(name):\n    import os\n    return not os.path.exists(name)\n",
                "absent", test("tmp", "assert absent('/tmp/" + proof + "')")));
        assertTrue(next.tests().get(0).passed(), next.tests().toString());
    }

    @Test
    void infiniteOutput() throws Exception {
        ExecutionResult result = hostile("""
                def attack():
                    while True:
                        print('x' * 1000)
                """, 10, "attack()");
        assertEquals(Outcomes.OUTPUT_LIMIT, result.outcome());
        assertTrue(result.signals().containsAll(List.of(Signals.OUTPUT_LIMIT, Signals.OUTPUT_TRUNCATED)));
        assertTrue(result.output().length() <= 65536, "only the configured bytes are kept");
        assertEquals("OutputLimit", result.tests().get(0).exceptionType());
    }

    @Test
    void closingStdoutAndStderrDoesNotSilenceResults() throws Exception {
        ExecutionResult result = hostile("""
                import os
                def attack():
                    os.close(1)
                    os.close(2)
                    return 1
                """, 5, "assert attack() == 1", "assert 1 == 2", "import sys\nprint('after close')\nsys.stdout.flush()");
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertEquals(List.of(TestResult.PASSED, TestResult.FAILED, TestResult.ERROR),
                result.tests().stream().map(TestResult::status).toList());
    }

    @Test
    void memoryBomb() throws Exception {
        ExecutionResult result = hostile("""
                def attack():
                    hoard = []
                    while True:
                        hoard.append(bytearray(16 * 1024 * 1024))
                """, 10, "attack()");
        assertEquals(Outcomes.MEMORY_LIMIT, result.outcome());
        assertTrue(result.signals().contains(Signals.MEMORY_LIMIT));
    }

    @Test
    void memoryBombAcrossProcessesIsKilledByTheMemoryCgroup() throws Exception {
        // each child stays under the per-process RLIMIT_AS; together they pass the cgroup's limit
        ExecutionResult result = hostile("""
                import os, time
                def attack():
                    children = []
                    for _ in range(6):
                        pid = os.fork()
                        if pid == 0:
                            block = b'x' * (150 * 1024 * 1024)
                            time.sleep(2)
                            os._exit(0)
                        children.append(pid)
                    return sum(1 for pid in children if os.WIFSIGNALED(os.waitpid(pid, 0)[1]))
                """, 10, "assert attack() == 0");
        assertEquals(Outcomes.MEMORY_LIMIT, result.outcome(), result.tests().toString());
        assertTrue(result.signals().contains(Signals.MEMORY_LIMIT));
    }

    @Test
    void diskFillWithFallocate() throws Exception {
        ExecutionResult result = hostile("""
                import os
                def attack(path, size):
                    fd = os.open(path, os.O_CREAT | os.O_WRONLY)
                    try:
                        os.posix_fallocate(fd, 0, size)
                    finally:
                        os.close(fd)
                """, 5,
                "attack('/tmp/huge', 64 * 1024 ** 3)",
                "for i in range(16):\n    attack('/tmp/part%d' % i, 15 * 1024 ** 2)");
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertTrue(result.signals().contains(Signals.FILE_SIZE_LIMIT), result.signals().toString());
        assertTrue(result.signals().contains(Signals.DISK_FULL), result.tests().toString());
        assertEquals("OSError", result.tests().get(1).exceptionType());
    }

    @Test
    void filesLeftInTemporaryPlacesAreGoneForTheNextRun() throws Exception {
        String marker = "evalwatch-left-" + UUID.randomUUID();
        hostile("""
                def attack(name):
                    written = []
                    for place in ('/tmp', '/dev/shm', '/var/tmp'):
                        try:
                            with open(place + '/' + name, 'w') as f:
                                f.write('left behind')
                            written.append(place)
                        except OSError:
                            pass
                    return written
                """, 5, "assert attack('" + marker + "') == ['/tmp']");
        ExecutionResult next = hostile("""
                import os
                def attack(name):
                    return [p for p in ('/tmp', '/dev/shm', '/var/tmp') if os.path.exists(p + '/' + name)]
                """, 5, "assert attack('" + marker + "') == []");
        assertTrue(next.tests().get(0).passed(), next.tests().toString());
    }

    @Test
    void networkIsUnreachable() throws Exception {
        ExecutionResult result = hostile("""
                import socket
                def attack(host, port):
                    with socket.create_connection((host, port), timeout=1.0):
                        return 'connected'
                """, 10, "assert attack('127.0.0.1', 5432) == 'connected'", "assert attack('192.0.2.1', 80) == 'connected'");
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertEquals(TestResult.ERROR, result.tests().get(0).status());
        assertEquals("ConnectionRefusedError", result.tests().get(0).exceptionType());
        assertEquals(TestResult.ERROR, result.tests().get(1).status());
        // no route fails at once or at the socket's 1 s timeout; a connection attempt that hung would reach the wall
        assertTrue(result.tests().get(1).durationSeconds() < scaled(5), "no route: fails fast, or at the short timeout");
        assertTrue(result.signals().contains(Signals.violation(Signals.NETWORK)), result.signals().toString());
    }

    @Test
    void secretsAreNotReadable() throws Exception {
        ExecutionResult result = hostile("""
                def attack(path):
                    with open(path, 'rb') as f:
                        return f.read().decode(errors='replace')
                """, 5, "attack('/etc/shadow')", "assert False, attack('/proc/1/environ')",
                "assert False, attack('/proc/self/environ')");
        assertEquals("FileNotFoundError", result.tests().get(0).exceptionType());
        // pid 1 is the harness itself: its environment is the sandbox's own few variables, nothing of the service
        Set<String> sandboxVariables = Set.of("PATH", "HOME", "TMPDIR", "LANG", "PWD");
        for (TestResult environ : result.tests().subList(1, 3)) {
            assertEquals(TestResult.FAILED, environ.status(), environ.toString());
            List<String> pairs = java.util.Arrays.stream(environ.message().split("\u0000"))
                    .filter(pair -> pair.contains("=")).toList();
            Set<String> names = pairs.stream().map(pair -> pair.substring(0, pair.indexOf('='))).collect(Collectors.toSet());
            assertTrue(names.contains("TMPDIR"), "the environment was read: " + pairs);
            assertTrue(sandboxVariables.containsAll(names), "variables in the sandbox: " + names);
            for (var variable : System.getenv().entrySet()) {
                if (sandboxVariables.contains(variable.getKey())) {
                    continue; // set by the sandbox itself (LANG may well have the service's value)
                }
                assertFalse(pairs.contains(variable.getKey() + "=" + variable.getValue()),
                        variable.getKey() + " of the service reached the sandbox");
            }
        }
        assertTrue(result.signals().contains(Signals.violation(Signals.SENSITIVE_FILE)), result.signals().toString());
    }

    @Test
    void signallingTheParentIsContained() throws Exception {
        // the harness is the namespace's init: signals from inside, SIGKILL included, do not reach it
        ExecutionResult result = hostile("""
                import os, signal
                def attack():
                    os.kill(os.getppid(), signal.SIGTERM)
                    os.kill(os.getppid(), signal.SIGKILL)
                    try:
                        os.kill(-1, signal.SIGKILL)  # everyone it may signal: nobody but init and itself is here
                    except ProcessLookupError:
                        pass
                    return 1
                """, 5, "assert 1 + 1 == 2", "assert attack() == 1", "assert 2 + 2 == 4");
        assertEquals(List.of(TestResult.PASSED, TestResult.PASSED, TestResult.PASSED),
                result.tests().stream().map(TestResult::status).toList(), result.tests().toString());
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertTrue(result.signals().contains(Signals.violation(Signals.SIGNAL)), result.signals().toString());
    }

    @Test
    void forgedRecordsOnFd3GoNowhere() throws Exception {
        ExecutionResult result = hostile("""
                import os
                def attack():
                    forged = b'{"e":"result","i":1,"status":"passed"}\\n{"e":"done"}\\n{"e":"end","exit":0}\\n'
                    os.write(3, forged)
                """, 5, "attack()", "assert False, 'really failed'");
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertEquals("OSError", result.tests().get(0).exceptionType(), "fd 3 is closed before the code runs");
        assertEquals(TestResult.FAILED, result.tests().get(1).status());
        assertEquals("really failed", result.tests().get(1).message());
    }

    @Test
    void forgedFramesOnStdoutAreOnlyOutput() throws Exception {
        // what a fork server's frames look like: on stdout and stderr they are the run's output, nothing more
        ExecutionResult result = hostile("""
                import os
                def attack():
                    forged = b'X 0\\nR 40\\n{"e":"result","i":1,"status":"passed"}\\nO 3\\nabcF 5\\nhello'
                    os.write(1, forged)
                    os.write(2, forged)
                """, 5, "attack()", "assert False, 'really failed'");
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertEquals(List.of(TestResult.PASSED, TestResult.FAILED),
                result.tests().stream().map(TestResult::status).toList(), result.tests().toString());
        assertEquals("really failed", result.tests().get(1).message());
        assertTrue(result.output().contains("X 0\nR 40"), result.output());
    }

    @Test
    void theCodeHoldsNoCapabilityAndRunsUnderTheSeccompFilter() throws Exception {
        ExecutionResult result = hostile("""
                import os
                def attack():
                    status = dict(l.split(':', 1) for l in open('/proc/self/status').read().splitlines() if ':' in l)
                    return os.getuid(), {k: status[k].strip() for k in ('CapEff', 'CapPrm', 'CapBnd', 'CapAmb',
                                                                        'NoNewPrivs', 'Seccomp')}
                """, 5, """
                uid, found = attack()
                none = '0000000000000000'
                assert uid != 0, uid
                assert found == {'CapEff': none, 'CapPrm': none, 'CapBnd': none, 'CapAmb': none, 'NoNewPrivs': '1',
                                 'Seccomp': '2'}, found
                """);
        assertEquals(TestResult.PASSED, result.tests().get(0).status(), result.tests().toString());
    }

    @Test
    void aKeyPlantedInTheUserKeyringIsNotFoundByTheNextRun() throws Exception {
        String keyring = """
                import ctypes, os
                ADD_KEY, KEYCTL = {'x86_64': (248, 250), 'aarch64': (217, 219)}[os.uname().machine]
                USER_KEYRING, SEARCH = ctypes.c_long(-4), ctypes.c_long(10)
                libc = ctypes.CDLL(None, use_errno=True)
                def plant(secret):
                    return libc.syscall(ADD_KEY, b'user', b'evalwatch-left', secret, ctypes.c_size_t(len(secret)), USER_KEYRING)
                def attack():
                    return libc.syscall(KEYCTL, SEARCH, USER_KEYRING, b'user', b'evalwatch-left', ctypes.c_long(0))
                """;
        hostile(keyring, 5, "plant(b'a secret for the next run')");
        ExecutionResult next = hostile(keyring, 5, "assert attack() < 0, 'the key of an earlier run was found'");
        assertEquals(TestResult.PASSED, next.tests().get(0).status(), next.tests().toString());
    }

    @Test
    void sleepingForever() throws Exception {
        ExecutionResult result = hostile("""
                import time
                def attack():
                    time.sleep(10 ** 6)
                """, 1, "assert True", "attack()", "assert True");
        assertEquals(Outcomes.TIMEOUT, result.outcome());
        assertEquals(List.of(TestResult.PASSED, TestResult.TIMEOUT, TestResult.NOT_RUN),
                result.tests().stream().map(TestResult::status).toList());
        // the wall-time limit is 1 s (plus the language's start-up allowance); a run not killed would sleep for days
        assertTrue(result.durationSeconds() < scaled(10), "killed at the wall-time limit: " + result.durationSeconds());
    }

    @Test
    void blockingOnStdinReturnsAtOnce() throws Exception {
        ExecutionResult result = hostile("""
                import sys
                def attack():
                    return input() + sys.stdin.read()
                """, 5, "attack()");
        assertEquals(Outcomes.COMPLETED, result.outcome());
        assertEquals("EOFError", result.tests().get(0).exceptionType());
    }

    @Test
    void segfaultThroughCtypes() throws Exception {
        ExecutionResult result = hostile("""
                import ctypes
                def attack():
                    return ctypes.string_at(0)
                """, 5, "assert True", "attack()", "assert True");
        assertEquals(Outcomes.CRASHED, result.outcome());
        assertEquals(List.of(TestResult.PASSED, TestResult.ERROR, TestResult.NOT_RUN),
                result.tests().stream().map(TestResult::status).toList());
        assertEquals("SIGSEGV", result.tests().get(1).exceptionType());
        assertTrue(result.signals().containsAll(List.of(Signals.CRASHED, Signals.NATIVE_CODE)), result.signals().toString());
    }

    @Test
    void deepRecursion() throws Exception {
        ExecutionResult bounded = hostile("""
                def attack(n):
                    return attack(n + 1)
                """, 5, "attack(0)");
        assertEquals(Outcomes.COMPLETED, bounded.outcome());
        assertEquals("RecursionError", bounded.tests().get(0).exceptionType());
        assertTrue(bounded.signals().contains(Signals.RUNTIME_ERROR));

        // recursion through C (repr calling repr) overflows the C stack once the interpreter's guard is lifted
        ExecutionResult unbounded = hostile("""
                import sys
                sys.setrecursionlimit(10 ** 8)
                class Node:
                    def __repr__(self):
                        return repr(self.next)
                def attack(n):
                    node = Node()
                    node.next = node
                    return repr(node)
                """, 10, "attack(0)");
        assertEquals(Outcomes.CRASHED, unbounded.outcome(), unbounded.message());
        assertEquals("SIGSEGV", unbounded.tests().get(0).exceptionType());
    }
}
