package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What scripts and people rely on: --help everywhere, the exit codes, and --format json alone on stdout. */
class CommandLineContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();

    /** Plays task-service, reporting-service and sandbox-service: each path answers its canned JSON. */
    private HttpServer stack;
    private String url;

    record Printed(int code, String out, String err) {
    }

    private static final Map<String, String> ANSWERS = Map.of(
            "/api/runs", "[{\"runId\":\"r1\"}]",
            "/api/runs/r1/report", "{\"runId\":\"r1\",\"status\":\"completed\",\"suite\":\"starter\","
                    + "\"scoredItems\":1,\"erroredItems\":0,\"models\":[]}",
            "/api/alerts", "[{\"alertId\":\"a1\",\"signal\":\"RegressionDetected\",\"severity\":\"critical\"}]",
            "/api/frontier", "[{\"model\":\"sim-alpha\",\"composite\":0.8,\"passRate\":0.9,\"pareto\":true}]",
            "/api/suites", "[{\"name\":\"starter\",\"version\":\"1.0.0\",\"tasks\":10,\"problems\":[]}]",
            "/api/environments", "[{\"lockHash\":\"9c1f\",\"builtAt\":\"2026-12-01T10:00:00Z\",\"lock\":[]}]",
            "/api/streams", "[{\"streamId\":\"s1\",\"model\":\"sim-alpha\"}]");

    @BeforeEach
    void startStack() throws Exception {
        stack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stack.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String answer = "POST".equals(exchange.getRequestMethod()) && path.equals("/api/runs")
                    ? "{\"runId\":\"r1\",\"suite\":\"starter\",\"suiteVersion\":\"1.0.0\",\"models\":[\"sim-alpha\"],"
                            + "\"expectedItems\":1}"
                    : ANSWERS.get(path);
            byte[] body = (answer != null ? answer : "{\"error\":\"no such thing\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer != null ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stack.start();
        url = "http://127.0.0.1:" + stack.getAddress().getPort();
    }

    @AfterEach
    void stopStack() {
        stack.stop(0);
    }

    /** Runs the command line as main does, capturing both what commands print and what picocli prints. */
    static Printed run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            CommandLine cli = EvalwatchCommand.commandLine();
            StringWriter usage = new StringWriter();
            StringWriter problems = new StringWriter();
            cli.setOut(new PrintWriter(usage, true));
            cli.setErr(new PrintWriter(problems, true));
            int code = cli.execute(args);
            return new Printed(code, o.toString(StandardCharsets.UTF_8) + usage,
                    e.toString(StandardCharsets.UTF_8) + problems);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Every command path below the root, for example [env, build]; picocli's help command aside. */
    private static List<List<String>> commandPaths(CommandLine command, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().helpCommand() || !name.equals(sub.getCommandName())) {
                return;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.add(path);
            paths.addAll(commandPaths(sub, path));
        });
        return paths;
    }

    @Test
    void helpWorksOnEveryCommand() {
        List<List<String>> paths = commandPaths(EvalwatchCommand.commandLine(), List.of());
        assertTrue(paths.size() > 20, "the whole tree: " + paths);
        assertTrue(paths.contains(List.of("env", "build")), paths.toString());
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Printed printed = run(args.toArray(String[]::new));
            assertEquals(0, printed.code(), path + ": " + printed.err());
            assertTrue(printed.out().contains("Usage: evalwatch " + String.join(" ", path)), path + ": " + printed.out());
        }
    }

    @Test
    void everyExampleInTheHelpParses() {
        CommandLine root = EvalwatchCommand.commandLine();
        List<List<String>> paths = commandPaths(root, List.of());
        paths.add(List.of());
        int examples = 0;
        for (List<String> path : paths) {
            CommandLine command = root;
            for (String name : path) {
                command = command.getSubcommands().get(name);
            }
            // an example: "./evalwatch ARGS", continued on the next line after a trailing backslash; a comment
            // (#), a pipe or a redirection ends the part that is evalwatch's
            String pending = null;
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                String text = line.strip();
                if (pending != null) {
                    text = pending + " " + text;
                    pending = null;
                } else if (!text.startsWith("./evalwatch ")) {
                    continue;
                }
                if (text.endsWith("\\")) {
                    pending = text.substring(0, text.length() - 1).strip();
                    continue;
                }
                String args = text.substring("./evalwatch ".length()).split(" #| \\|| >")[0].strip();
                List<String> tokens = new ArrayList<>();
                java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(args);
                while (token.find()) {
                    tokens.add(token.group(1) != null ? token.group(1) : token.group(2));
                }
                try {
                    EvalwatchCommand.commandLine().parseArgs(tokens.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    throw new AssertionError("the example '" + line.strip() + "' of " + path + " does not parse: "
                            + e.getMessage(), e);
                }
                examples++;
            }
        }
        assertTrue(examples > 20, "examples found: " + examples);
    }

    @Test
    void helpCommandShowsACommandsOptionsAndExamples() {
        Printed printed = run("help", "run");
        assertEquals(0, printed.code(), printed.err());
        assertTrue(printed.out().contains("Usage: evalwatch run"), printed.out());
        assertTrue(printed.out().contains("--format=FORMAT"), printed.out());
        assertTrue(printed.out().contains("Examples:"), printed.out());
    }

    @Test
    void rootHelpListsTheExitCodes() {
        Printed printed = run("--help");
        assertEquals(0, printed.code());
        assertTrue(printed.out().contains("Exit codes:"), printed.out());
        ExitCodes.TABLE.forEach((code, meaning) -> assertTrue(printed.out().contains(code + "   " + meaning
                .substring(0, 20)), code + " in " + printed.out()));
    }

    @Test
    void readmeDocumentsTheSameExitCodes() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        ExitCodes.TABLE.forEach((code, meaning) -> assertTrue(readme.contains("| " + code + " | " + meaning + " |"),
                "README.md's exit-code table lacks: | " + code + " | " + meaning + " |"));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Printed printed = run("report", "--no-such-option");
        assertEquals(2, printed.code());
        assertTrue(printed.err().contains("Unknown option: '--no-such-option'"), printed.err());
    }

    @Test
    void aStackThatIsDownExitsThree() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Printed printed = run("report", "--reporting-url", "http://127.0.0.1:" + closed);
        assertEquals(3, printed.code(), printed.err());
        assertTrue(printed.err().contains("Is the stack running?"), printed.err());
    }

    @Test
    void aRefusedRequestExitsFour() {
        Printed printed = run("report", "no-such-run", "--reporting-url", url);
        assertEquals(4, printed.code(), printed.err());
        assertTrue(printed.err().contains("reporting-service answered 404: no such thing"), printed.err());
    }

    @Test
    void aRequestWithoutAValidKeyExitsFourSayingHowToGiveOne() {
        stack.removeContext("/");
        stack.createContext("/", exchange -> {
            byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"an API key is required\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        Printed printed = run("report", "r1", "--reporting-url", url);
        assertEquals(ExitCodes.REFUSED, printed.code(), printed.err());
        assertTrue(printed.err().contains("reporting-service answered 401"), printed.err());
        assertTrue(printed.err().contains("EVALWATCH_API_KEY"), printed.err());
    }

    @Test
    void noRunYetIsNothingToReport() {
        // the canned /api/runs is not empty: this stack answers an empty list everywhere
        stack.removeContext("/");
        stack.createContext("/", exchange -> {
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        Printed printed = run("report", "--reporting-url", url);
        assertEquals(ExitCodes.INCOMPLETE, printed.code(), printed.err());
        assertTrue(printed.err().contains("no runs yet"), printed.err());
    }

    @Test
    void formatJsonPrintsOnlyTheJson() throws Exception {
        String[][] commands = {
            {"report", "--reporting-url", url},
            {"alerts", "--status", "all", "--reporting-url", url},
            {"frontier", "--suite", "starter", "--reporting-url", url},
            {"suites", "list", "--task-url", url},
            {"env", "list", "--sandbox-url", url},
            {"baseline", "list", "--reporting-url", url},
        };
        for (String[] command : commands) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--format", "json"));
            Printed printed = run(args.toArray(String[]::new));
            assertEquals(0, printed.code(), args + ": " + printed.err());
            JsonNode parsed = JSON.readTree(printed.out()); // throws unless stdout is JSON and nothing else
            assertFalse(parsed.isEmpty(), args + ": " + printed.out());
        }
        JsonNode alerts = JSON.readTree(run("alerts", "--reporting-url", url, "--format", "json").out());
        assertEquals("a1", alerts.get(0).path("alertId").asText());
    }

    @Test
    void aRunInJsonSendsItsProgressToStderr() throws Exception {
        Printed printed = run("run", "--suite", "starter", "-m", "sim-alpha", "--task-url", url, "--reporting-url", url,
                "--format", "json");
        assertEquals(0, printed.code(), printed.err());
        assertEquals("r1", JSON.readTree(printed.out()).path("runId").asText(), printed.out());
        assertTrue(printed.err().contains("Run r1: suite starter"), printed.err());
        assertTrue(printed.err().contains("1/1 items scored"), printed.err());

        Printed table = run("run", "--suite", "starter", "-m", "sim-alpha", "--task-url", url, "--reporting-url", url);
        assertTrue(table.out().contains("Run r1: suite starter"), "a table run shows its progress with it");
    }
}
