package io.evalwatch.sandbox.environment;

import static io.evalwatch.sandbox.Fixtures.python;
import static io.evalwatch.sandbox.Fixtures.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.service.ExecutionService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the fork servers off, every run launches its own sandbox: the environment is bound all the same. */
@QuarkusTest
@TestProfile(PythonEnvironmentLaunchedTest.Launched.class)
class PythonEnvironmentLaunchedTest {

    public static class Launched implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evalwatch.sandbox.fork-server", "false");
        }
    }

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    @Test
    void aLaunchedRunImportsFromTheEnvironmentReadOnly() throws Exception {
        assertFalse(sandbox.readiness().description().contains("forkserver"), sandbox.readiness().description());
        Path dir = Files.createTempDirectory("evalwatch-environments-");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            EnvironmentStore store = new EnvironmentStore(dir, List.of(new DebianPythonBuilder()));
            BuiltEnvironment numpy = store.ensure(PythonEnvironmentTest.NUMPY, false, null);
            ExecutionResult result = executions.execute(python("import numpy\ndef f():\n    return int(numpy.sum([1, 2]))\n",
                    "f", test("sum", "assert f() == 3"),
                    test("read-only", "import errno\ntry:\n    open('/sandbox/env/x', 'w')\n    assert False\n"
                            + "except OSError as e:\n    assert e.errno == errno.EROFS, e")).withEnvironment(numpy.mount(null)),
                    Duration.ofMinutes(2));
            assertEquals(Outcomes.COMPLETED, result.outcome(), result.message() + " " + result.output());
            assertTrue(result.tests().stream().allMatch(TestResult::passed), result.tests().toString());
            assertFalse(result.isolation().contains("forkserver"), result.isolation());
        } finally {
            EnvironmentStore.deleteTree(dir);
        }
    }
}
