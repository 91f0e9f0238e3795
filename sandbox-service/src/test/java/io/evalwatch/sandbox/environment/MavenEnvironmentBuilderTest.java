package io.evalwatch.sandbox.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.EnvironmentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java part through the host's mvn and Maven Central (small artifacts, usually already in ~/.m2). */
class MavenEnvironmentBuilderTest {

    @TempDir
    Path dir;

    private final MavenEnvironmentBuilder builder = new MavenEnvironmentBuilder(ToolsConfig.defaults());

    private static EnvironmentSpec java(String... artifacts) {
        return new EnvironmentSpec(null, null, new EnvironmentSpec.Java(List.of(artifacts), null));
    }

    private Path fresh(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    private static List<String> jars(Path lib) throws Exception {
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void resolvesTheArtifactsWithTheirRuntimeDependenciesTheSameWayTwice() throws Exception {
        // commons-text 1.11.0 depends on commons-lang3 3.13.0
        EnvironmentSpec spec = java("org.apache.commons:commons-text:1.11.0");
        List<String> progress = new ArrayList<>();
        Path first = fresh("first");
        List<String> lock = builder.build(spec, first, progress::add);

        assertEquals(List.of("org.apache.commons:commons-lang3:3.13.0", "org.apache.commons:commons-text:1.11.0"),
                lock.stream().map(l -> l.split(" ")[0]).toList(), lock.toString());
        assertTrue(lock.stream().allMatch(l -> l.matches("\\S+ sha256:[0-9a-f]{64}")), lock.toString());
        assertEquals(List.of("org.apache.commons_commons-lang3-3.13.0.jar", "org.apache.commons_commons-text-1.11.0.jar"),
                jars(first.resolve("lib")));
        assertTrue(progress.stream().anyMatch(line -> line.contains("commons-text")), progress.toString());

        assertEquals(lock, builder.build(spec, fresh("second"), line -> { }));
    }

    @Test
    void anArtifactThatDoesNotExistIsNamed() throws Exception {
        EnvironmentBuildException e = assertThrows(EnvironmentBuildException.class, () -> builder.build(
                java("org.apache.commons:commons-lang3:3.14.0", "io.evalwatch.nosuch:nothing-here:1.0.0"),
                fresh("missing"), line -> { }));
        assertEquals("io.evalwatch.nosuch:nothing-here:1.0.0", e.failedPackage(), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aVersionThatDoesNotExistIsNamed() throws Exception {
        EnvironmentBuildException e = assertThrows(EnvironmentBuildException.class, () -> builder.build(
                java("org.apache.commons:commons-lang3:0.0.404"), fresh("version"), line -> { }));
        assertEquals("org.apache.commons:commons-lang3:0.0.404", e.failedPackage(), e.getMessage());
    }

    @Test
    void aMalformedCoordinateIsRefusedBeforeMavenRuns() throws Exception {
        Path part = fresh("malformed");
        EnvironmentBuildException e = assertThrows(EnvironmentBuildException.class,
                () -> builder.build(java("commons-lang3"), part, line -> { }));
        assertEquals("commons-lang3", e.failedPackage());
        assertTrue(e.getMessage().contains("groupId:artifactId:version"), e.getMessage());
        assertThrows(EnvironmentBuildException.class,
                () -> builder.build(java("org.x:y:[1.0,2.0)"), fresh("range"), line -> { }));
        assertTrue(Files.notExists(part.resolve("lib")));
    }
}
