package io.evalwatch.sandbox.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.EnvironmentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store alone, with a part builder of the test's own: one build per spec, content addressing, the index. */
class EnvironmentStoreTest {

    private Path dir;

    /** Writes one file; its lock is the spec's packages as given, so two specs can resolve to the same lock. */
    private static final class FakePython implements EnvironmentPartBuilder {
        final AtomicInteger builds = new AtomicInteger();
        final CountDownLatch release;

        FakePython(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public String part() {
            return "python";
        }

        @Override
        public boolean declaredIn(EnvironmentSpec spec) {
            return spec.python() != null && !spec.python().packages().isEmpty();
        }

        @Override
        public List<String> build(EnvironmentSpec spec, Path partDir, Consumer<String> progress)
                throws EnvironmentBuildException {
            builds.incrementAndGet();
            progress.accept("fake: resolving " + spec.python().packages());
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new EnvironmentBuildException("not released", null);
                }
                if (spec.python().packages().contains("broken")) {
                    throw new EnvironmentBuildException("broken does not build", "broken");
                }
                Files.writeString(Files.createDirectories(partDir.resolve("site")).resolve("m.py"), "X = 1\n");
            } catch (InterruptedException | java.io.IOException e) {
                throw new EnvironmentBuildException(e.toString(), null);
            }
            return spec.python().packages().stream().map(p -> p.replace("==", " ") + " sha256:0").sorted().toList();
        }
    }

    private static EnvironmentSpec python(List<String> packages, List<String> preload) {
        return new EnvironmentSpec(new EnvironmentSpec.Python("debian", packages, preload, null, null), null, null);
    }

    @BeforeEach
    void store() throws Exception {
        dir = Files.createTempDirectory("evalwatch-store-");
    }

    @AfterEach
    void remove() {
        EnvironmentStore.deleteTree(dir);
    }

    @Test
    void concurrentCallersShareOneBuildWhoseProgressShows() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakePython fake = new FakePython(release);
        EnvironmentStore store = new EnvironmentStore(dir, List.of(fake));
        EnvironmentSpec spec = python(List.of("a==1"), List.of());
        CompletableFuture<BuiltEnvironment> first = store.start(spec, false, null);
        CompletableFuture<BuiltEnvironment> second = store.start(spec, false, null);
        assertSame(first, second, "one build per spec at a time");
        for (int i = 0; i < 100 && store.status(spec.specHash()).map(s -> s.progress().size() < 2).orElse(true); i++) {
            Thread.sleep(20);
        }
        EnvironmentStore.BuildStatus building = store.status(spec.specHash()).orElseThrow();
        assertEquals("building", building.status());
        assertTrue(building.progress().contains("fake: resolving [a==1]"), building.progress().toString());
        release.countDown();
        BuiltEnvironment built = first.get(30, TimeUnit.SECONDS);
        assertEquals(1, fake.builds.get());
        assertEquals(List.of("python\ta 1 sha256:0"), built.lock());
        assertEquals(EnvironmentStore.lockHash(List.of("python\ta 1 sha256:0")), built.lockHash());
        assertFalse(store.status(spec.specHash()).isPresent(), "a finished build is no longer in progress");

        // the index survives the store: a new instance on the same folder does not build again
        FakePython later = new FakePython(new CountDownLatch(0));
        assertEquals(built.lockHash(), new EnvironmentStore(dir, List.of(later)).ensure(spec, false, null).lockHash());
        assertEquals(0, later.builds.get());
    }

    @Test
    void twoSpecsThatResolveToTheSameLockShareOneFolder() throws Exception {
        EnvironmentStore store = new EnvironmentStore(dir, List.of(new FakePython(new CountDownLatch(0))));
        BuiltEnvironment one = store.ensure(python(List.of("a==1"), List.of()), false, null);
        BuiltEnvironment two = store.ensure(python(List.of("a==1"), List.of("a")), false, null);
        assertEquals(one.lockHash(), two.lockHash());
        assertEquals(one.root(), two.root());
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(one.lockHash(), "specs.properties"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList(), "nothing else is left");
        }
        assertEquals("r--r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(one.root().resolve("python/site/m.py"))));
    }

    @Test
    void aFailedBuildNamesThePackageAndLeavesNothing() throws Exception {
        EnvironmentStore store = new EnvironmentStore(dir, List.of(new FakePython(new CountDownLatch(0))));
        EnvironmentSpec spec = python(List.of("broken"), List.of());
        EnvironmentBuildException e = assertThrows(EnvironmentBuildException.class, () -> store.ensure(spec, false,
                null));
        assertEquals("broken", e.failedPackage());
        assertEquals("failed", store.status(spec.specHash()).orElseThrow().status());
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(), entries.toList());
        }
    }

    @Test
    void aDeclaredPartNoBuilderBuildsFailsTheBuildRatherThanBeingLeftOut() {
        EnvironmentStore store = new EnvironmentStore(dir, List.of(new FakePython(new CountDownLatch(0))));
        EnvironmentSpec withNode = new EnvironmentSpec(new EnvironmentSpec.Python("debian", List.of("a"), null, null,
                null), new EnvironmentSpec.Node(Map.of("left-pad", "1.3.0"), null), null);
        EnvironmentBuildException e = assertThrows(EnvironmentBuildException.class,
                () -> store.ensure(withNode, false, null));
        assertTrue(e.getMessage().contains("cannot build the environment's node part"), e.getMessage());
    }
}
