package io.evalwatch.sandbox.environment;

import static io.evalwatch.sandbox.Fixtures.python;
import static io.evalwatch.sandbox.Fixtures.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestResult;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.sandbox.Fixtures;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.service.ExecutionService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Python environment from Debian's packages (python3-numpy, installed on this host), built into a store of its
 * own and run through the real sandbox (bubblewrap, fork servers): numpy imports with it and is a missing
 * dependency without it, an invented module stays a hallucinated API, the environment is read-only inside, and
 * its fork server has the preload imported before the code runs.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonEnvironmentTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    static final EnvironmentSpec NUMPY = new EnvironmentSpec(
            new EnvironmentSpec.Python("debian", List.of("numpy"), List.of("numpy"), null, null), null, null);

    @Inject
    ExecutionService executions;

    @Inject
    Sandbox sandbox;

    private Path dir;
    private EnvironmentStore store;
    private BuiltEnvironment numpy;

    @BeforeAll
    void build() throws Exception {
        dir = Files.createTempDirectory("evalwatch-environments-");
        // the slots' uids reach the environment through this folder (a temporary folder is the owner's only)
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        store = new EnvironmentStore(dir, List.of(new DebianPythonBuilder(), new PipPythonBuilder("/usr/bin/python3")));
        List<String> progress = new ArrayList<>();
        numpy = store.ensure(NUMPY, false, progress::add);
        assertFalse(progress.isEmpty(), "a build tells what it does");
    }

    @AfterAll
    void removeStore() {
        EnvironmentStore.deleteTree(dir);
    }

    private ExecutionResult run(ExecutionRequest request) throws Exception {
        return executions.execute(request, WAIT);
    }

    @Test
    void theLockNamesExactVersionsAndIsTheSameWhenBuiltAgain() throws Exception {
        assertTrue(numpy.lock().stream().anyMatch(l -> l.matches("python\tpython3-numpy \\S+ sha256:[0-9a-f]{64}")),
                numpy.lock().toString());
        assertTrue(numpy.lockHash().matches("[0-9a-f]{16}"));
        assertEquals(numpy.root(), dir.resolve(numpy.lockHash()));
        assertEquals(numpy.lock(), Files.readAllLines(numpy.root().resolve("lock.txt")));
        assertTrue(Files.isSymbolicLink(numpy.root().resolve("python/site/numpy")));

        assertEquals(numpy, store.ensure(NUMPY, false, null), "a second ensure of the same spec is the stored one");
        BuiltEnvironment again = store.ensure(NUMPY, true, null);
        assertEquals(numpy.lockHash(), again.lockHash(), "resolved again, the same packages give the same lock");
        assertEquals(numpy.lockHash(), store.find(numpy.lockHash()).orElseThrow().lockHash());
        assertEquals(List.of(numpy.lockHash()), store.list().stream().map(BuiltEnvironment::lockHash).toList());

        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(numpy.root())));
        assertEquals("r--r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(numpy.root().resolve("lock.txt"))));
    }

    @Test
    void numpyImportsWithTheEnvironmentAndIsAMissingDependencyWithout() throws Exception {
        ExecutionRequest request = python("import numpy as np\ndef mean(xs):\n    return float(np.mean(xs))\n", "mean",
                test("mean", "assert mean([1, 2, 3]) == 2.0"));
        ExecutionResult with = run(request.withEnvironment(numpy.mount(null)));
        assertEquals(Outcomes.COMPLETED, with.outcome(), with.message() + " " + with.output());
        assertTrue(with.tests().get(0).passed(), with.tests().toString());
        assertTrue(with.isolation().startsWith("bwrap"), with.isolation());

        ExecutionResult without = run(request);
        assertEquals(Outcomes.LOAD_ERROR, without.outcome());
        assertTrue(without.message().contains("No module named 'numpy'"), without.message());
        assertTrue(without.signals().contains(Signals.MISSING_DEPENDENCY), without.signals().toString());
        assertFalse(without.signals().contains(Signals.HALLUCINATED_API), without.signals().toString());

        // the same in a test, as the MBPP+ dense checks import it
        ExecutionResult inTest = run(python("def f():\n    return 1\n", "f",
                test("dense", "import numpy\nassert numpy.allclose([f()], [1.0])")));
        assertEquals(TestResult.ERROR, inTest.tests().get(0).status());
        assertTrue(inTest.signals().contains(Signals.MISSING_DEPENDENCY), inTest.signals().toString());
    }

    @Test
    void aModuleThatExistsNowhereIsAHallucinatedApiEvenWithAnEnvironment() throws Exception {
        ExecutionResult result = run(python("import totally_made_up_pkg_xyz\ndef f():\n    return 1\n", "f",
                test("one", "assert f() == 1")).withEnvironment(numpy.mount(null)));
        assertEquals(Outcomes.LOAD_ERROR, result.outcome());
        assertTrue(result.signals().contains(Signals.HALLUCINATED_API), result.signals().toString());
        assertFalse(result.signals().contains(Signals.MISSING_DEPENDENCY), result.signals().toString());

        ExecutionResult submodule = run(python("import numpy.totally_made_up\ndef f():\n    return 1\n", "f",
                test("one", "assert f() == 1")).withEnvironment(numpy.mount(null)));
        assertTrue(submodule.signals().contains(Signals.HALLUCINATED_API), "numpy exists, numpy.totally_made_up"
                + " does not: " + submodule.signals());
    }

    @Test
    void theEnvironmentIsReadOnlyInsideTheSandbox() throws Exception {
        ExecutionResult result = run(python("""
                import os
                def write(path):
                    try:
                        with open(path, 'w') as f:
                            f.write('x')
                        return 'written'
                    except OSError as e:
                        return e.errno
                """, "write",
                test("root", "import errno\nassert write('/sandbox/env/new') == errno.EROFS, write('/sandbox/env/new')"),
                test("site", "import errno\nassert write('/sandbox/env/python/site/new') == errno.EROFS"),
                test("package", "import errno, numpy, os\n"
                        + "assert write(os.path.join(os.path.dirname(numpy.__file__), 'new.py')) == errno.EROFS"),
                test("only what was declared", "import sys\nassert '/sandbox/env/python/site' in sys.path\n"
                        + "assert not any(p.endswith('dist-packages') for p in sys.path), sys.path"))
                .withEnvironment(numpy.mount(null)));
        assertEquals(Outcomes.COMPLETED, result.outcome(), result.message());
        assertTrue(result.tests().stream().allMatch(TestResult::passed), result.tests().toString());
    }

    @Test
    void theEnvironmentsForkServerHasThePreloadImportedBeforeTheCodeRuns() throws Exception {
        ExecutionRequest request = python("import sys\nPRELOADED = 'numpy' in sys.modules\ndef f():\n"
                + "    return PRELOADED\n", "f", test("preloaded", "assert f() is True"));
        ExecutionResult with = run(request.withEnvironment(numpy.mount(null)));
        assertTrue(with.tests().get(0).passed(), "numpy was imported by the fork server: " + with.tests());
        ExecutionResult noPreload = run(request.withEnvironment(numpy.mount(new EnvironmentSpec(
                new EnvironmentSpec.Python("debian", List.of("numpy"), List.of(), null, null), null, null))));
        assertEquals(TestResult.FAILED, noPreload.tests().get(0).status(), "without a preload nothing is imported ahead");
        ExecutionResult plain = run(request);
        assertEquals(TestResult.FAILED, plain.tests().get(0).status(), "the plain server imports nothing of it");
    }

    /**
     * Five preload lists make five fork-server keys for the same environment; sequential runs take the slots in
     * turn, so each key is used on every slot. A slot keeps at most fork-servers-per-slot (2) of them.
     */
    @Test
    void aSlotKeepsAtMostItsShareOfEnvironmentForkServers() throws Exception {
        List<List<String>> preloads = List.of(List.of(), List.of("numpy"), List.of("json"), List.of("numpy", "json"),
                List.of("decimal"));
        for (List<String> preload : preloads) {
            EnvironmentSpec spec = new EnvironmentSpec(
                    new EnvironmentSpec.Python("debian", List.of("numpy"), preload, null, null), null, null);
            for (int i = 0; i < 2 * sandbox.slots(); i++) {
                ExecutionResult result = run(python("import numpy\ndef f():\n    return 1\n", "f",
                        test("one", "assert f() == 1")).withEnvironment(numpy.mount(spec)));
                assertTrue(result.tests().get(0).passed(), result.tests().toString());
            }
        }
        Set<String> all = Fixtures.idleForkServers();
        Set<String> plain = Fixtures.idleForkServers(true);
        int environmentServers = (all.size() - plain.size()) / 2; // bubblewrap and the server, per server
        assertEquals(2 * sandbox.slots(), plain.size(), "the plain servers stay");
        assertTrue(environmentServers > 0, "environment servers were started");
        assertTrue(environmentServers <= 2 * sandbox.slots(), environmentServers + " environment servers for "
                + sandbox.slots() + " slots");
    }

    @Test
    void aPackageNotInstalledFailsTheBuildNamingItAndHowToInstallIt() {
        EnvironmentSpec scipy = new EnvironmentSpec(
                new EnvironmentSpec.Python("debian", List.of("scipy"), List.of(), null, null), null, null);
        EnvironmentBuildException e = assertThrows(EnvironmentBuildException.class,
                () -> store.ensure(scipy, false, null));
        assertEquals("scipy", e.failedPackage());
        assertTrue(e.getMessage().contains("python3-scipy is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install python3-scipy"), e.getMessage());
        assertEquals("failed", store.status(scipy.specHash()).orElseThrow().status());
    }

    @Test
    void aRunWhoseEnvironmentResolvesToAnotherLockFailsAsASandboxErrorAndNeverRunsWithoutIt() throws Exception {
        ExecutionRequest request = python("def f():\n    return 1\n", "f", test("one", "assert f() == 1"));
        ExecutionResult result = executions.execute(request, new EnvironmentRef("0123456789abcdef", NUMPY), WAIT);
        assertEquals(Outcomes.SANDBOX_ERROR, result.outcome());
        assertNotNull(result.message());
        assertTrue(result.message().contains("not to 0123456789abcdef"), result.message());
        assertEquals(TestResult.NOT_RUN, result.tests().get(0).status());
    }
}
