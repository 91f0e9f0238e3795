package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** scripts/prerequisites.sh, the check ./evalwatch demo|up and .ci/run share. */
class PrerequisitesScriptTest {

    private static final Path ROOT = Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();

    record Result(int code, String output) {
    }

    private static Result check(String path) throws IOException, InterruptedException {
        return run(path, ROOT.resolve("scripts/prerequisites.sh").toString(), "check");
    }

    private static Result run(String path, String... command) throws IOException, InterruptedException {
        List<String> bash = new java.util.ArrayList<>(List.of("bash"));
        bash.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(bash).redirectErrorStream(true);
        builder.environment().put("PATH", path);
        Process process = builder.start();
        // generous: the check itself takes well under a second; a hang (waiting on a missing tool) would fail here
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the check must not wait on anything");
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void passesOnThisMachine() throws Exception {
        Result result = check(System.getenv("PATH"));
        assertEquals(0, result.code(), result.output());
        assertTrue(result.output().contains("all present"), result.output());
    }

    @Test
    void withoutBubblewrapStopsAtOnceNamingTheCommandThatInstallsIt() throws Exception {
        withoutBwrap(bin -> {
            // behaviour only: it stops (check() fails on a hang) naming the command; how fast is not asserted here
            Result result = check(bin.toString());

            assertNotEquals(0, result.code(), result.output());
            assertTrue(result.output().contains("apt-get install bubblewrap"), result.output());
        });
    }

    @Test
    void demoWithoutBubblewrapStopsBeforeBuildingOrStartingAnything() throws Exception {
        withoutBwrap(bin -> {
            // the whole ./evalwatch demo as a new user types it: the same bound as the check (a hang fails), and
            // nothing after the check ran: no build, no JVM, no service
            Result result = run(bin.toString(), ROOT.resolve("evalwatch").toString(), "demo");

            assertEquals(1, result.code(), result.output());
            assertTrue(result.output().contains("apt-get install bubblewrap"), result.output());
            assertTrue(!result.output().contains("Building evalwatch") && !result.output().contains("Starting the local"
                    + " stack"), "stops before building or starting anything:\n" + result.output());
        });
    }

    interface WithPath {
        void accept(Path bin) throws Exception;
    }

    private static void withoutBwrap(WithPath test) throws Exception {
        // this machine's PATH with every tool but bwrap (a plain temp dir: @TempDir warns about each link it removes)
        Path bin = Files.createTempDirectory("evalwatch-path-");
        try {
            linkEveryToolButBwrap(bin);
            test.accept(bin);
        } finally {
            try (var links = Files.list(bin)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
            Files.delete(bin);
        }
    }

    private static void linkEveryToolButBwrap(Path bin) throws Exception {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            List<Path> tools;
            try (var listing = Files.list(Path.of(dir))) {
                tools = listing.toList();
            } catch (IOException notADirectory) {
                continue;
            }
            for (Path tool : tools) {
                Path link = bin.resolve(tool.getFileName().toString());
                if (!tool.getFileName().toString().equals("bwrap") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, tool);
                }
            }
        }
        assertTrue(Files.exists(bin.resolve("java")), "the symlinked PATH keeps the other tools");
    }
}
