package io.evalwatch.sandbox.isolation;

import static io.evalwatch.sandbox.Fixtures.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.language.JavaLanguage;
import io.evalwatch.sandbox.service.ExecutionService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JavaScript runs handed to a sandbox launched ahead in their slot: one slot, so every run here is the same slot's.
 * Each run gets a sandbox of its own (nothing of the run before it, another pid namespace), a waiting sandbox that
 * died is replaced without the run noticing, and the wall-clock limit counts from the hand-over.
 */
@QuarkusTest
@TestProfile(JavaScriptPrelaunchTest.OneSlot.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class JavaScriptPrelaunchTest {

    /** Every run with this wall limit, so that each fits the sandbox its predecessor left launched ahead. */
    private static final double WALL = 1;

    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evalwatch.sandbox.workers", "1", "evalwatch.sandbox.javascript-prelaunch", "true");
        }
    }

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    @Inject
    SandboxConfig config;

    @Inject
    JavaLanguage java;

    private ExecutionResult run(String code, TestCase... tests) throws Exception {
        return executions.execute(new ExecutionRequest("javascript", code, "add", List.of(tests),
                LimitsOverride.wallTime(WALL), null, false), Duration.ofMinutes(2));
    }

    private static final String ADD = "function add(a, b) { return a + b; }";
    /**
     * Fails with the run's pid namespace: its inode (which the kernel reuses once a namespace is gone) and the start
     * time of its init, the harness itself (--as-pid-1), which no later namespace's init shares.
     */
    private static final String PID_NAMESPACE = "const fs = require('fs');"
            + " const stat = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');"
            + " assert.strictEqual(process.pid, 1);"
            + " assert.fail(fs.readlinkSync('/proc/self/ns/pid') + ' init started at ' + stat[19]);";

    /** The host pids of the sandbox waiting in the slot, once one is (it is launched after the slot's run). */
    /**
     * The pids of the slot's waiting sandbox once Node runs in it: listed any earlier, a kill could miss the
     * processes the launcher had not started yet, and Node could still read a run before its parent's death reached
     * it (a race of the test, not of the service, which never kills a sandbox it hands a run to).
     */
    private List<Long> waitingSandbox() throws InterruptedException {
        for (int attempt = 0; attempt < 3000; attempt++) {
            List<Long> pids = sandbox.waitingSandboxPids();
            boolean nodeUp = pids.stream().map(ProcessHandle::of).flatMap(Optional::stream)
                    .anyMatch(p -> p.info().command().map(c -> c.endsWith("/node")).orElse(false));
            if (nodeUp) {
                return sandbox.waitingSandboxPids();
            }
            Thread.sleep(20);
        }
        List<Long> pids = sandbox.waitingSandboxPids();
        if (!pids.isEmpty()) {
            return pids; // Node not recognisable by its command here: the sandbox as it stands
        }
        throw new AssertionError("no sandbox was launched ahead after a JavaScript run");
    }

    private static String failureMessage(ExecutionResult result, int test) {
        TestResult outcome = result.tests().get(test);
        assertEquals(TestResult.FAILED, outcome.status(), String.valueOf(outcome));
        return outcome.message();
    }

    @BeforeEach
    void aSandboxWaits() throws Exception {
        ExecutionResult warm = run(ADD, test("sum", "assert.strictEqual(add(2, 3), 5);"));
        assertEquals(Outcomes.COMPLETED, warm.outcome(), warm.message());
        waitingSandbox();
    }

    /**
     * This profile's service lives only as long as these tests, and the next test class's service reuses this JVM's
     * work directory: it must not stop while it still makes Java's start-up archives there in the background.
     */
    @AfterEach
    void javaStartupWorkDone() throws Exception {
        java.awaitStartupArchives(Duration.ofMinutes(10));
    }

    @Test
    void consecutiveRunsInTheSlotNeverShareASandbox() throws Exception {
        long before = sandbox.handOvers();
        List<Long> first = waitingSandbox();
        ExecutionResult one = run(ADD,
                test("leave traces", "require('fs').writeFileSync('/tmp/mark', 'run one'); globalThis.mark = 1;"),
                test("pid namespace", PID_NAMESPACE));
        assertEquals(TestResult.PASSED, one.tests().get(0).status(), String.valueOf(one.tests().get(0)));
        List<Long> second = waitingSandbox();
        ExecutionResult two = run(ADD,
                test("no traces", "assert.ok(!require('fs').existsSync('/tmp/mark'), 'file of the run before');"
                        + " assert.strictEqual(globalThis.mark, undefined, 'global of the run before');"),
                test("pid namespace", PID_NAMESPACE));
        assertEquals(TestResult.PASSED, two.tests().get(0).status(), String.valueOf(two.tests().get(0)));
        assertEquals(before + 2, sandbox.handOvers(), "both runs were handed to a sandbox launched ahead");
        assertTrue(first.stream().noneMatch(second::contains), "the second sandbox is other processes");
        String namespaceOne = failureMessage(one, 1);
        String namespaceTwo = failureMessage(two, 1);
        assertTrue(namespaceOne.matches("pid:\\[\\d+\\] init started at \\d+"), namespaceOne);
        assertNotEquals(namespaceOne, namespaceTwo, "each run has a pid namespace of its own");
    }

    @Test
    void aWaitingSandboxKilledIsReplacedAndTheRunStillSucceeds() throws Exception {
        // killed and gone before the run comes: the run launches one of its own
        List<Long> waiting = waitingSandbox();
        killAll(waiting);
        for (long pid : waiting) {
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        }
        ExecutionResult afterDeath = run(ADD, test("sum", "assert.strictEqual(add(2, 3), 5);"));
        assertEquals(Outcomes.COMPLETED, afterDeath.outcome(), afterDeath.message());
        assertEquals(TestResult.PASSED, afterDeath.tests().get(0).status());

        // killed just as the run comes (whether or not the service still saw it alive): the run is not lost
        List<Long> replaced = waitingSandbox();
        assertTrue(waiting.stream().noneMatch(replaced::contains), "a new sandbox was launched ahead");
        killAll(replaced);
        ExecutionResult whileDying = run(ADD, test("sum", "assert.strictEqual(add(2, 3), 5);"));
        assertEquals(Outcomes.COMPLETED, whileDying.outcome(), whileDying.message());
        assertEquals(TestResult.PASSED, whileDying.tests().get(0).status());
        assertFalse(waitingSandbox().isEmpty());
    }

    @Test
    void theWallClockLimitCountsFromTheHandOver() throws Exception {
        // waiting longer than a run may take does not time the run out
        double limit = WALL + config.languages().get("javascript").startupSeconds().orElse(2.0);
        waitingSandbox();
        Thread.sleep((long) (limit * 1000) + 1000);
        long before = sandbox.handOvers();
        ExecutionResult late = run(ADD, test("sum", "assert.strictEqual(add(2, 3), 5);"));
        assertEquals(Outcomes.COMPLETED, late.outcome(), late.message());
        assertEquals(before + 1, sandbox.handOvers(), "the run was handed to the sandbox that waited");

        // and a run that sleeps past it is still stopped
        waitingSandbox();
        ExecutionResult sleeper = run(ADD, test("sleeps", "await new Promise((resolve) => setTimeout(resolve, 600000));"));
        assertEquals(Outcomes.TIMEOUT, sleeper.outcome(), sleeper.message());
        assertEquals(before + 2, sandbox.handOvers(), "the sleeping run was handed over too");
    }

    private static void killAll(List<Long> pids) {
        // the sandbox's pid 1 first: the kernel then kills everything in its namespace
        for (int i = pids.size() - 1; i >= 0; i--) {
            ProcessHandle.of(pids.get(i)).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
