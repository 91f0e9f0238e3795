package io.evalwatch.sandbox.isolation;

import static io.evalwatch.sandbox.Fixtures.python;
import static io.evalwatch.sandbox.Fixtures.test;
import static io.evalwatch.sandbox.Fixtures.withWall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.sandbox.Fixtures;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.service.ExecutionService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The slots' Python fork servers: a kill takes down the run and only the run; a server that dies is replaced. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ForkServerTest {

    private static final Duration SLOT_WAIT = Duration.ofMinutes(2);
    private static final String ADD = "def add(a, b):\n    return a + b\n";

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    @Test
    void aRunKilledAtItsDeadlineLeavesItsServerServing() throws Exception {
        assertTrue(sandbox.readiness().description().endsWith("+forkserver"), sandbox.readiness().description());
        Set<String> before = Fixtures.idleForkServers();
        assertEquals(2 * sandbox.slots(), Fixtures.idleForkServers(true).size(),
                "every slot has an idle server: " + before);
        for (int i = 0; i < sandbox.slots(); i++) {
            ExecutionResult result = executions.execute(withWall(python(
                    "import time\ndef add(a, b):\n    time.sleep(60)\n", "add", test("sum", "assert add(2, 3) == 5")), 1),
                    SLOT_WAIT);
            assertEquals(Outcomes.TIMEOUT, result.outcome(), result.message());
        }
        assertEquals(before, Fixtures.idleForkServers(), "the same servers, idle again");
        assertPasses();
    }

    @Test
    void aServerThatDiesIsReplaced() throws Exception {
        Set<String> before = Fixtures.idleForkServers();
        before.forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
        for (int i = 0; i < 2 * sandbox.slots(); i++) {
            assertPasses();
        }
        Set<String> after = Fixtures.idleForkServers();
        assertEquals(2 * sandbox.slots(), after.size(), "every slot has an idle server again: " + after);
        assertTrue(after.stream().noneMatch(before::contains), "new servers: " + before + " then " + after);
    }

    @Test
    void aSolutionOfSeveralMegabytesArrivesWhole() throws Exception {
        String padding = "# " + "x".repeat(1000) + "\n";
        String code = padding.repeat(6000) + ADD; // 6 MB of comment before the function
        ExecutionResult result = executions.execute(python(code, "add", test("sum", "assert add(2, 3) == 5")), SLOT_WAIT);
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message());
        assertTrue(result.tests().get(0).passed());
        assertPasses();
    }

    private void assertPasses() throws Exception {
        ExecutionResult next = executions.execute(python(ADD, "add", test("sum", "assert add(2, 3) == 5")), SLOT_WAIT);
        assertEquals(Outcomes.COMPLETED, next.outcome(), next.message());
        assertTrue(next.tests().get(0).passed());
    }
}
