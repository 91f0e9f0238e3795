package io.evalwatch.sandbox.environment;

import static io.evalwatch.sandbox.Fixtures.python;
import static io.evalwatch.sandbox.Fixtures.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestResult;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.service.ExecutionService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Python environment from a wheelhouse (a local folder of wheels, no network): two tiny pure-Python wheels this
 * test writes itself, one depending on the other, installed by pip with the sandbox's interpreter and imported
 * inside the sandbox. The same code path takes an index URL (source index), which this host cannot reach.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WheelhouseEnvironmentTest {

    @Inject
    ExecutionService executions;

    private Path dir;
    private Path wheelhouse;
    private EnvironmentStore store;

    @BeforeAll
    void wheelhouse() throws IOException {
        dir = Files.createTempDirectory("evalwatch-wheelhouse-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        wheelhouse = Files.createDirectories(dir.resolve("wheels"));
        wheel(wheelhouse, "tinydep", "2.0", Map.of("tinydep/__init__.py", "X = 2\n"), List.of());
        wheel(wheelhouse, "tinypkg", "1.0", Map.of("tinypkg/__init__.py", "import tinydep\nVALUE = 40 + tinydep.X\n"),
                List.of("tinydep"));
        store = new EnvironmentStore(dir.resolve("store"),
                List.of(new DebianPythonBuilder(), new PipPythonBuilder("/usr/bin/python3")));
    }

    @AfterAll
    void remove() {
        EnvironmentStore.deleteTree(dir);
    }

    private EnvironmentSpec spec(String... packages) {
        return new EnvironmentSpec(new EnvironmentSpec.Python("wheelhouse", List.of(packages), List.of("tinypkg"),
                wheelhouse.toString(), null), null, null);
    }

    @Test
    void aWheelAndItsDependencyInstallLockedByTheirWheelsHashesAndImportInTheSandbox() throws Exception {
        BuiltEnvironment built = store.ensure(spec("tinypkg==1.0"), false, null);
        assertEquals(2, built.lock().size(), built.lock().toString());
        assertTrue(built.lock().get(0).matches("python\ttinydep 2\\.0 sha256:[0-9a-f]{64}"), built.lock().toString());
        assertTrue(built.lock().get(1).matches("python\ttinypkg 1\\.0 sha256:[0-9a-f]{64}"), built.lock().toString());
        assertEquals(sha256(wheelhouse.resolve("tinypkg-1.0-py3-none-any.whl")),
                built.lock().get(1).substring(built.lock().get(1).indexOf("sha256:") + 7));
        assertTrue(Files.isDirectory(built.root().resolve("python/site/tinypkg")));
        assertFalse(Files.exists(built.root().resolve("python/report.json")), "pip's report is not part of it");

        BuiltEnvironment again = store.ensure(spec("tinypkg==1.0"), true, null);
        assertEquals(built.lockHash(), again.lockHash(), "the same wheels give the same lock");

        ExecutionResult run = executions.execute(python("import tinypkg\ndef value():\n    return tinypkg.VALUE\n",
                "value", test("value", "assert value() == 42")).withEnvironment(built.mount(null)),
                Duration.ofMinutes(2));
        assertEquals(Outcomes.COMPLETED, run.outcome(), run.message() + " " + run.output());
        assertTrue(run.tests().get(0).passed(), run.tests().toString());

        ExecutionResult without = executions.execute(python("import tinypkg\ndef value():\n    return 1\n", "value",
                test("value", "assert value() == 1")), Duration.ofMinutes(2));
        assertEquals(Outcomes.LOAD_ERROR, without.outcome());
        assertTrue(without.signals().contains(Signals.HALLUCINATED_API), "tinypkg is in no index this host knows: "
                + without.signals());
        assertEquals(TestResult.NOT_RUN, without.tests().get(0).status());
    }

    @Test
    void aPackageTheWheelhouseLacksFailsTheBuildNamingIt() {
        EnvironmentBuildException e = assertThrows(EnvironmentBuildException.class,
                () -> store.ensure(spec("absentpkg"), false, null));
        assertEquals("absentpkg", e.failedPackage(), e.getMessage());
        assertTrue(e.getMessage().contains("pip could not install"), e.getMessage());
        try (var left = Files.list(dir.resolve("store"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".build-")),
                    "a failed build leaves nothing behind");
        } catch (IOException io) {
            throw new AssertionError(io);
        }
    }

    /** A wheel as pip expects one: the files, METADATA, WHEEL and a RECORD with each file's hash. */
    static void wheel(Path folder, String name, String version, Map<String, String> sources, List<String> requires)
            throws IOException {
        String info = name + "-" + version + ".dist-info/";
        Map<String, String> files = new LinkedHashMap<>(sources);
        StringBuilder metadata = new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
                + "\n");
        requires.forEach(r -> metadata.append("Requires-Dist: ").append(r).append('\n'));
        files.put(info + "METADATA", metadata.toString());
        files.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: evalwatch-test\nRoot-Is-Purelib: true\n"
                + "Tag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            record.append(file.getKey()).append(",sha256=").append(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(digest(bytes))).append(',').append(bytes.length).append('\n');
        }
        record.append(info).append("RECORD,,\n");
        files.put(info + "RECORD", record.toString());
        try (OutputStream out = Files.newOutputStream(folder.resolve(name + "-" + version + "-py3-none-any.whl"));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        return java.util.HexFormat.of().formatHex(digest(Files.readAllBytes(file)));
    }
}
