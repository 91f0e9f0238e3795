package io.evalwatch.sandbox.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.EnvironmentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node part against the real npm registry, with packages of a few kilobytes. */
class NpmEnvironmentBuilderTest {

    @TempDir
    Path dir;

    private final NpmEnvironmentBuilder builder = new NpmEnvironmentBuilder(ToolsConfig.defaults());

    private static EnvironmentSpec node(Map<String, String> packages) {
        return new EnvironmentSpec(null, new EnvironmentSpec.Node(packages, null), null);
    }

    private Path fresh(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void installsThePackagesAndLocksThemTheSameWayTwice() throws Exception {
        EnvironmentSpec spec = node(Map.of("left-pad", "1.3.0", "is-number", "7.0.0"));
        List<String> progress = new ArrayList<>();
        Path first = fresh("first");
        List<String> lock = builder.build(spec, first, progress::add);

        assertEquals(2, lock.size(), lock.toString());
        assertTrue(lock.get(0).matches("is-number 7\\.0\\.0 sha512-\\S+"), lock.get(0));
        assertTrue(lock.get(1).matches("left-pad 1\\.3\\.0 sha512-\\S+"), lock.get(1));
        assertTrue(Files.isRegularFile(first.resolve("node_modules/left-pad/package.json")));
        assertTrue(Files.isRegularFile(first.resolve("package-lock.json")));
        assertTrue(progress.stream().anyMatch(line -> line.contains("left-pad")), progress.toString());

        assertEquals(lock, builder.build(spec, fresh("second"), line -> { }));
    }

    @Test
    void locksEveryInstalledPackageIncludingDependencies() throws Exception {
        // is-odd 3.0.1 depends on is-number ^6.0.0
        List<String> lock = builder.build(node(Map.of("is-odd", "3.0.1")), fresh("deps"), line -> { });
        assertEquals(List.of("is-number", "is-odd"), lock.stream().map(l -> l.split(" ")[0]).toList(), lock.toString());
        assertTrue(lock.get(0).startsWith("is-number 6."), lock.toString());
    }

    @Test
    void aPackageThatDoesNotExistIsNamed() throws Exception {
        EnvironmentBuildException e = assertThrows(EnvironmentBuildException.class, () -> builder.build(
                node(Map.of("left-pad", "1.3.0", "evalwatch-no-such-package-x7q", "1.0.0")), fresh("missing"), l -> { }));
        assertEquals("evalwatch-no-such-package-x7q", e.failedPackage(), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aVersionThatDoesNotResolveIsNamed() throws Exception {
        EnvironmentBuildException e = assertThrows(EnvironmentBuildException.class,
                () -> builder.build(node(Map.of("left-pad", "99.0.0")), fresh("version"), l -> { }));
        assertEquals("left-pad", e.failedPackage(), e.getMessage());
        assertTrue(e.getMessage().contains("99.0.0"), e.getMessage());
    }

    @Test
    void onlyRegistryPackagesAreAccepted() throws Exception {
        EnvironmentBuildException git = assertThrows(EnvironmentBuildException.class, () -> builder.build(
                node(Map.of("left-pad", "git+https://example.com/left-pad.git")), fresh("git"), l -> { }));
        assertEquals("left-pad", git.failedPackage());
        assertThrows(EnvironmentBuildException.class,
                () -> builder.build(node(Map.of("../escape", "1.0.0")), fresh("name"), l -> { }));
    }

    @Test
    void installScriptsDoNotRun() throws Exception {
        // a local package whose install script would leave a mark: npm must not run it
        Path pkg = Files.createDirectories(dir.resolve("scripted"));
        Path mark = dir.resolve("script-ran");
        Files.writeString(pkg.resolve("package.json"), "{\"name\":\"scripted\",\"version\":\"1.0.0\",\"scripts\":"
                + "{\"install\":\"touch " + mark + "\"}}");
        String tarball = new String(new ProcessBuilder("npm", "pack", "--silent", "--pack-destination", dir.toString())
                .directory(pkg.toFile()).start().getInputStream().readAllBytes()).strip();
        // the builder accepts registry versions only, so the tarball goes through its install command directly
        Path part = fresh("scripted-part");
        Files.writeString(part.resolve("package.json"), "{\"dependencies\":{\"scripted\":\"file:" + dir.resolve(tarball) + "\"}}");
        BuildCommand.Outcome outcome = BuildCommand.run(builder.installCommand(new EnvironmentSpec.Node(Map.of(), null)),
                part, NpmEnvironmentBuilder.NPM_ENVIRONMENT, Duration.ofMinutes(2), line -> { });
        assertEquals(0, outcome.exitCode(), outcome.tail(20));
        assertTrue(Files.isDirectory(part.resolve("node_modules/scripted")));
        assertTrue(Files.notExists(mark), "the install script ran");
    }
}
