package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every command README.md shows, run as a reader would run it, in README order, on the local stack the README
 * starts ({@code ./evalwatch demo}, then {@code up}, ... {@code down}) — not StackFixture's: the README's commands
 * name the default ports and {@code .evalwatch/api-key}. Each must exit with the code it documents (0 unless its
 * comment says "(exit N)"). Commands added to README later are run too; a command that cannot run fails the test.
 *
 * <p>The stack runs from a copy of the checkout's layout under target/readme (the {@code evalwatch} script, the
 * suites, links to the built modules and config), so its suites, imports and files stay out of the checkout. Its
 * databases are the default ones ({@code evalwatch_tasks}, {@code evalwatch_reporting}), as for any reader.
 * Each command's output is kept in target/readme/output/.
 */
class ReadmeCommandsIT {

    /** A command README shows that this test does not run, and why. */
    record NotRun(String startsWith, String why) {
    }

    /** What is not run: listed here so a reader of the test sees it. */
    static final List<NotRun> NOT_RUN = List.of(
            new NotRun("mvn ", "the build and test command itself: this test runs inside it"),
            new NotRun("apt-get ", "installs system packages: scripts/prerequisites.sh check runs instead"),
            new NotRun("sudo ", "changes the machine as root"),
            new NotRun("docker", "needs a Docker engine; DockerComposeTest validates docker-compose.yml"));

    /** Run after every other command, since the sections after it use the stack. */
    static final String LAST = "./evalwatch down";

    /** Placeholders a command may use, and what stands in for them. */
    static final String RUN_ID = "<run-id>";
    /** The two runs a comparison names: the second newest and the newest completed run. */
    static final String RUN_A = "<run-a>";
    static final String RUN_B = "<run-b>";

    /** The datasets beside a checkout, read in place from where the build says they are. */
    static final String DATASETS = "../shared/datasets";

    /**
     * The reader's part between {@code review export} and {@code review import}: before an import, the test judges
     * the file as a reviewer would (its name from the file's, every answer accepted, none introducing a bug).
     */
    static final Pattern REVIEW_IMPORT = Pattern.compile("^\\./evalwatch review import (\\S+)");

    /** Ports of the README's stack: a stack already on them (a reader's own) would be the one tested. */
    private static final int[] STACK_PORTS = {8081, 8082, 8083, 8084, 8085, 8090, 9092};

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z-]*>");

    private final Path work = StackFixture.root().resolve("e2e-tests/target/readme");
    private final Path checkout = work.resolve("checkout");
    private final Path output = work.resolve("output");

    @Test
    void everyCommandTheReadmeShowsExitsAsDocumented() throws Exception {
        List<ReadmeCommands.Command> commands = ReadmeCommands.parse(
                Files.readString(StackFixture.root().resolve("README.md")));
        assertTrue(commands.stream().anyMatch(c -> c.text().startsWith("./evalwatch demo")), "README shows the demo");
        for (int port : STACK_PORTS) {
            assertTrue(free(port), "port " + port + " is in use: stop the local stack (./evalwatch down) before this"
                    + " test, which starts the README's own");
        }
        prepareCheckout();

        List<ReadmeCommands.Command> toRun = new ArrayList<>();
        List<ReadmeCommands.Command> last = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ReadmeCommands.Command c : commands) {
            NotRun rule = NOT_RUN.stream().filter(r -> c.text().startsWith(r.startsWith())).findFirst().orElse(null);
            if (rule != null) {
                skipped.add(c + "  — not run: " + rule.why());
            } else if (c.text().equals(LAST)) {
                last.add(c);
            } else {
                toRun.add(c);
            }
        }
        toRun.addAll(last.isEmpty() ? List.of() : List.of(last.get(0)));
        skipped.forEach(s -> System.out.println("[readme] " + s));

        List<String> failures = new ArrayList<>();
        Map<String, String> assignments = new LinkedHashMap<>();
        boolean stackStarted = false;
        boolean stopped = false;
        try {
            int n = 0;
            for (ReadmeCommands.Command c : toRun) {
                n++;
                if (c.text().matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    // a variable later commands use ($AUTH): kept for every command after it
                    assignments.put(c.text().substring(0, c.text().indexOf('=')), c.text());
                    continue;
                }
                if (stackStarted) {
                    awaitRunsCompleted();
                }
                Matcher review = REVIEW_IMPORT.matcher(c.text());
                if (review.find()) {
                    judge(checkout.resolve(review.group(1)));
                }
                String script = String.join("\n", assignments.values()) + "\n" + shell(c.text());
                Path log = output.resolve(String.format("%02d-line%d.txt", n, c.line()));
                Instant start = Instant.now();
                int code = run(script, log);
                stopped |= c.text().equals(LAST);
                stackStarted |= c.text().startsWith("./evalwatch demo") || c.text().startsWith("./evalwatch up");
                System.out.printf("[readme] exit %d (expected %d) in %ds: %s%n", code, c.expectedExit(),
                        Duration.between(start, Instant.now()).toSeconds(), c);
                if (code != c.expectedExit()) {
                    failures.add(c + "\n    exit " + code + ", README documents " + c.expectedExit() + "; output ("
                            + log + "):\n" + tail(log, 25));
                }
            }
        } finally {
            if (stackStarted && !stopped) {
                run("./evalwatch down", output.resolve("down.txt"));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + toRun.size() + " README commands did not exit as documented:\n"
                    + String.join("\n", failures));
        }
        assertTrue(last.size() == 1, "README shows " + LAST + " (once in the tour)");
    }

    /**
     * The command as the test runs it: placeholders filled in, the datasets where this build has them, and
     * {@code curl} with {@code --fail} so that an HTTP error is a failed command as it is for a reader.
     */
    private String shell(String command) throws Exception {
        String s = command.replace(DATASETS, StackFixture.datasets().toString());
        if (s.contains(RUN_ID)) {
            s = s.replace(RUN_ID, completedRuns(1).get(0));
        }
        if (s.contains(RUN_A) || s.contains(RUN_B)) {
            List<String> newestFirst = completedRuns(2);
            s = s.replace(RUN_A, newestFirst.get(1)).replace(RUN_B, newestFirst.get(0));
        }
        Matcher unknown = PLACEHOLDER.matcher(s);
        if (unknown.find()) {
            throw new AssertionError("README command with a placeholder this test cannot fill (" + unknown.group()
                    + "; known: " + RUN_ID + ", " + RUN_A + ", " + RUN_B + "): " + command);
        }
        return s.startsWith("curl ") ? "curl --fail-with-body " + s.substring("curl ".length()) : s;
    }

    private int run(String script, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", script)
                .directory(checkout.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // the reader's environment, without settings that would point the CLI at another stack
        builder.environment().keySet().removeIf(k -> k.startsWith("EVALWATCH_") && !k.startsWith("EVALWATCH_PG_"));
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            return -1;
        }
        return process.exitValue();
    }

    /**
     * The layout ./evalwatch expects (the script, the built modules, config/, scripts/, suites/), in a folder of
     * its own: the script finds everything beside itself, and the stack's state goes to its .evalwatch/.
     */
    private void prepareCheckout() throws IOException {
        StackFixture.deleteTree(work);
        Files.createDirectories(checkout);
        Path root = StackFixture.root();
        Files.copy(root.resolve("evalwatch"), checkout.resolve("evalwatch"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String linked : List.of("cli", "task-service", "generator-service", "sandbox-service", "scoring-service",
                "reporting-service", "model-simulator", "local-stack", "config", "scripts", "docs")) {
            Files.createSymbolicLink(checkout.resolve(linked), root.resolve(linked));
        }
        StackFixture.copyTree(root.resolve("suites"), checkout.resolve("suites"));
        // the training sample `suites overlap --train train.jsonl` reads: code that is none of the suite's tasks
        Files.writeString(checkout.resolve("train.jsonl"), """
                {"prompt": "Write a function that returns the sum of two integers.", "completion": "def add(a, b):\\n    return a + b\\n"}
                {"text": "A tutorial on reading CSV files with the csv module and writing them back."}
                {"instruction": "Reverse a linked list", "input": "", "output": "def reverse(head):\\n    prev = None\\n    while head:\\n        head.next, prev, head = prev, head, head.next\\n    return prev\\n"}
                """);
    }

    private static void judge(Path reviewFile) throws IOException {
        String name = reviewFile.getFileName().toString().replaceFirst("\\..*", "");
        Files.writeString(reviewFile, Files.readString(reviewFile)
                .replaceAll("(?m)^reviewer:[ \t]*(#.*)?$", "reviewer: " + name)
                .replaceAll("(?m)^(\\s*)accept:[ \t]*(#.*)?$", "$1accept: yes")
                .replaceAll("(?m)^(\\s*)introduces_bug:[ \t]*(#.*)?$", "$1introduces_bug: no"));
    }

    /** The newest runs reporting-service has completed, newest first: what a reader would paste from outputs. */
    private List<String> completedRuns(int needed) throws Exception {
        List<String> completed = new java.util.ArrayList<>();
        for (JsonNode run : runs()) {
            if (!run.path("completedAt").isNull() && !run.path("completedAt").isMissingNode()) {
                completed.add(run.path("runId").asText());
            }
        }
        if (completed.size() < needed) {
            throw new AssertionError("a README command needs " + needed + " completed run(s) but " + completed.size()
                    + " completed so far");
        }
        return completed;
    }

    /**
     * The reader's pause: each command is run when the runs started by the ones before it have ended, as a reader
     * reads one output before typing the next command (a monitor fired twice at once is refused, 409).
     */
    private void awaitRunsCompleted() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        int quiet = 0;
        while (quiet < 2) {
            boolean inProgress = false;
            for (JsonNode run : runs()) {
                inProgress |= run.path("completedAt").isNull() || run.path("completedAt").isMissingNode();
            }
            quiet = inProgress ? 0 : quiet + 1;
            assertTrue(Instant.now().isBefore(deadline), "runs still in progress after 15 minutes: " + runs());
            Thread.sleep(1000);
        }
    }

    private JsonNode runs() throws Exception {
        Path keyFile = checkout.resolve(".evalwatch/api-key");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8085/api/runs"))
                .header("Authorization", "Bearer " + Files.readString(keyFile).strip()).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "      " + String.join("\n      ", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
