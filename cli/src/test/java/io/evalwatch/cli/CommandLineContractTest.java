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

    /** Run r1 against r0: sim-alpha got worse on two of ten items; a failure category with Markdown and HTML in it. */
    static final String COMPARISON = "{\"runA\":\"r0\",\"runB\":\"r1\",\"models\":[{\"model\":\"sim-alpha\","
            + "\"variant\":\"base\",\"all\":{\"scope\":\"all\",\"pairs\":10,\"tasks\":10,\"passRateA\":0.9,"
            + "\"passRateB\":0.7,\"difference\":-0.2,\"ciLow\":-0.45,\"ciHigh\":0.05,\"better\":0,\"worse\":2,"
            + "\"pValue\":0.5,\"significant\":false,\"verdict\":\"no_difference\"},\"kinds\":[{\"scope\":\"generation\","
            + "\"pairs\":10,\"tasks\":10,\"passRateA\":0.9,\"passRateB\":0.7,\"difference\":-0.2,\"ciLow\":-0.45,"
            + "\"ciHigh\":0.05,\"better\":0,\"worse\":2,\"pValue\":0.5,\"significant\":false,"
            + "\"verdict\":\"no_difference\"}]}],\"flips\":[{\"model\":\"sim-alpha\",\"variant\":\"base\","
            + "\"kind\":\"generation\",\"taskId\":\"luhn|checksum\",\"sample\":0,\"passedInA\":true,"
            + "\"passedInB\":false,\"categoryInA\":\"none\",\"categoryInB\":\"<b>wrong_answer</b>\"}],"
            + "\"unpairedA\":0,\"unpairedB\":1,\"erroredA\":0,\"erroredB\":0}";

    private static final Map<String, String> ANSWERS = Map.of(
            "/api/runs", "[{\"runId\":\"r1\"}]",
            "/api/runs/r1/report", "{\"runId\":\"r1\",\"status\":\"completed\",\"suite\":\"starter\","
                    + "\"scoredItems\":1,\"erroredItems\":0,\"models\":[]}",
            "/api/alerts", "[{\"alertId\":\"a1\",\"signal\":\"RegressionDetected\",\"severity\":\"critical\"}]",
            "/api/frontier", "[{\"model\":\"sim-alpha\",\"composite\":0.8,\"passRate\":0.9,\"pareto\":true}]",
            "/api/suites", "[{\"name\":\"starter\",\"version\":\"1.0.0\",\"tasks\":10,\"problems\":[]}]",
            "/api/environments", "[{\"lockHash\":\"9c1f\",\"builtAt\":\"2026-12-01T10:00:00Z\",\"lock\":[]}]",
            "/api/streams", "[{\"streamId\":\"s1\",\"model\":\"sim-alpha\"}]");

    private static final Map<String, String> MORE_ANSWERS = Map.of(
            "/api/runs/r1/progress", "{\"runId\":\"r1\",\"status\":\"completed\",\"dispatched\":1,\"generated\":1,"
                    + "\"generationErrors\":0,\"toExecute\":1,\"executed\":1,\"scored\":1,\"errored\":0}",
            "/api/compare", COMPARISON,
            "/api/models/sim-alpha/history", "[{\"runId\":\"r0\",\"suite\":\"starter\",\"suiteVersion\":\"1.0.0\","
                    + "\"completedAt\":\"2026-12-01T10:00:00Z\",\"items\":30,\"passAt1\":0.8,\"weightedAccuracy\":0.7,"
                    + "\"ttftP50\":0.25,\"costUsd\":0.01,\"systemFingerprints\":[\"fp_1\"]},{\"runId\":\"r1\","
                    + "\"suite\":\"starter\",\"suiteVersion\":\"1.0.0\",\"completedAt\":\"2026-12-02T10:00:00Z\","
                    + "\"items\":30,\"passAt1\":0.6,\"weightedAccuracy\":0.5,\"ttftP50\":null,\"costUsd\":0.01,"
                    + "\"systemFingerprints\":[\"fp_2\"]}]",
            "/api/streams/s1", "{\"stream\":{\"streamId\":\"s1\",\"origin\":\"series:main\",\"model\":\"sim-alpha\","
                    + "\"suite\":\"starter\",\"samples\":3,\"variant\":\"base\",\"referenceRunId\":\"r0\"},"
                    + "\"runs\":[{\"runId\":\"r0\",\"validity\":\"valid\",\"reference\":true},{\"runId\":\"r1\","
                    + "\"validity\":\"valid\",\"reference\":false}],\"referenceChanges\":[],\"standingAlerts\":[]}");

    @BeforeEach
    void startStack() throws Exception {
        stack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stack.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String answer = "POST".equals(exchange.getRequestMethod()) && path.equals("/api/runs")
                    ? "{\"runId\":\"r1\",\"suite\":\"starter\",\"suiteVersion\":\"1.0.0\",\"models\":[\"sim-alpha\"],"
                            + "\"expectedItems\":1}"
                    : ANSWERS.getOrDefault(path, MORE_ANSWERS.get(path));
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
            {"compare", "r0", "r1", "--reporting-url", url},
            {"history", "sim-alpha", "--reporting-url", url},
            {"history", "--stream", "s1", "--reporting-url", url},
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
        assertTrue(printed.err().contains("scored 1/1"), printed.err());
        assertTrue(printed.err().contains("generated 1/1") && printed.err().contains("executed 1/1"), printed.err());

        Printed table = run("run", "--suite", "starter", "-m", "sim-alpha", "--task-url", url, "--reporting-url", url);
        assertTrue(table.out().contains("Run r1: suite starter"), "a table run shows its progress with it");
    }
    @Test
    void everyCommandShowsExamples() {
        CommandLine root = EvalwatchCommand.commandLine();
        for (List<String> path : commandPaths(root, List.of())) {
            CommandLine command = root;
            for (String name : path) {
                command = command.getSubcommands().get(name);
            }
            String[] footer = command.getCommandSpec().usageMessage().footer();
            assertTrue(footer.length > 0 && String.join("\n", footer).contains("./evalwatch "),
                    path + " has no example in its help");
        }
    }

    @Test
    void markdownAndHtmlPrintOnlyTheDocument() {
        String[][] commands = {
            {"alerts", "--status", "all", "--reporting-url", url},
            {"frontier", "--suite", "starter", "--reporting-url", url},
            {"suites", "list", "--task-url", url},
            {"history", "sim-alpha", "--reporting-url", url},
            {"history", "--stream", "s1", "--reporting-url", url},
            {"compare", "r0", "r1", "--reporting-url", url},
        };
        for (String[] command : commands) {
            List<String> md = new ArrayList<>(List.of(command));
            md.addAll(List.of("--format", "markdown"));
            Printed markdown = run(md.toArray(String[]::new));
            assertEquals(0, markdown.code(), md + ": " + markdown.err());
            assertTrue(markdown.out().startsWith("# "), md + ":\n" + markdown.out());
            assertTrue(markdown.out().contains("\n| --- |"), md + ":\n" + markdown.out());

            List<String> h = new ArrayList<>(List.of(command));
            h.addAll(List.of("--format", "html"));
            Printed html = run(h.toArray(String[]::new));
            assertEquals(0, html.code(), h + ": " + html.err());
            assertTrue(html.out().startsWith("<!DOCTYPE html>"), h + ":\n" + html.out());
            assertTrue(html.out().strip().endsWith("</html>"), h + ":\n" + html.out());
        }
    }

    @Test
    void compareShowsTheDifferenceItsIntervalAndTheFlippedItemsEscapedPerFormat() {
        Printed table = run("compare", "r0", "r1", "--reporting-url", url);
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("-20.0 pp"), table.out());
        assertTrue(table.out().contains("[-45.0 pp, +5.0 pp]"), table.out());
        assertTrue(table.out().contains("no difference"), table.out());
        assertTrue(table.out().contains("Items that flipped (1)"), table.out());
        assertTrue(table.out().contains("Without a partner: 0 items of A, 1 of B."), table.out());

        String markdown = run("compare", "r0", "r1", "--reporting-url", url, "--format", "markdown").out();
        assertTrue(markdown.contains("| luhn\\|checksum |"), "a pipe in a cell is escaped:\n" + markdown);
        assertTrue(markdown.contains("failed (\\<b\\>wrong\\_answer\\</b\\>)"), markdown);

        String html = run("compare", "r0", "r1", "--reporting-url", url, "--format", "html").out();
        assertTrue(html.contains("<td>failed (&lt;b&gt;wrong_answer&lt;/b&gt;)</td>"), html);
        assertFalse(html.contains("<b>wrong_answer"), html);
    }

    @Test
    void historyMarksAChangedFingerprintAndNeedsAModelOrAStream() {
        Printed history = run("history", "sim-alpha", "--reporting-url", url);
        assertEquals(0, history.code(), history.err());
        assertTrue(history.out().contains("fp_2 (changed)"), history.out());
        assertTrue(history.out().contains("80.0 %"), history.out());
        assertEquals(ExitCodes.USAGE, run("history", "--reporting-url", url).code());
        assertEquals(ExitCodes.USAGE, run("history", "sim-alpha", "--stream", "s1", "--reporting-url", url).code());
    }

    @Test
    void aFormatACommandDoesNotHaveIsAUsageError() {
        Printed printed = run("baseline", "list", "--reporting-url", url, "--format", "markdown");
        assertEquals(ExitCodes.USAGE, printed.code(), printed.err());
        assertTrue(printed.err().contains("use table or json"), printed.err());
        assertEquals(ExitCodes.USAGE, run("alerts", "--format", "pdf", "--reporting-url", url).code());
    }
}
