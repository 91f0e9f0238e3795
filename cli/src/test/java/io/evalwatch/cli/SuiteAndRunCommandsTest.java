package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SuiteAndRunCommandsTest {

    @Test
    void aRunRequestNamesItsSeriesAndNeverItsTrigger() {
        EvalwatchCommand.Run run = new EvalwatchCommand.Run();
        new CommandLine(run).parseArgs("--suite", "starter", "-m", "sim-alpha", "--series", "nightly");
        ObjectNode request = run.options.request();
        assertEquals("nightly", request.path("series").asText());
        assertFalse(request.has("trigger"));
        assertFalse(request.has("monitor"));

        new CommandLine(run = new EvalwatchCommand.Run()).parseArgs("--suite", "starter", "-m", "sim-alpha");
        assertFalse(run.options.request().has("series"), "without --series the run is ad hoc");
    }

    @Test
    void rotationPrintsTheDueTasksAndTheProposal() throws Exception {
        List<String> paths = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/suites/starter/rotation", exchange -> {
            paths.add(exchange.getRequestURI().toString());
            byte[] body = """
                    {"suite":"starter","version":"1.0.0","asOf":"2026-12-01","days":90,"share":0.2,"tasks":10,
                     "due":[{"id":"chunk-list","category":"collections","reviewed":null,"daysSinceReview":null},
                            {"id":"ipv4-address","category":"validation","reviewed":"2026-05-11","daysSinceReview":204}],
                     "proposed":[{"id":"chunk-list","category":"collections","reviewed":null,"daysSinceReview":null}]}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new EvalwatchCommand()).execute("suites", "rotation", "starter", "--days", "90",
                    "--task-url", "http://127.0.0.1:" + server.getAddress().getPort());
            assertEquals(0, code);
        } finally {
            System.setOut(out);
            server.stop(0);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("/api/suites/starter/rotation?days=90&share=0.2"), paths);
        assertTrue(text.contains("starter 1.0.0: 10 tasks, 2 not reviewed for 90 days"), text);
        assertTrue(text.contains("ipv4-address") && text.contains("2026-05-11") && text.contains("204"), text);
        assertTrue(text.contains("never"), text);
        assertTrue(text.contains("Proposed for this quarter's rotation (1, about 20 % of the suite)"), text);
    }
}
