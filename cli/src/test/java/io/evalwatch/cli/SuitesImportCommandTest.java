package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import io.evalwatch.cli.importer.Datasets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./evalwatch suites import KIND FILE --as NAME}, against a stand-in for sandbox-service's REST API. */
class SuitesImportCommandTest {

    private static final Path MBPP = Datasets.of("mbpp");

    record Printed(int code, String out, String err) {
    }

    private static Printed run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new EvalwatchCommand()).execute(args);
            return new Printed(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void measuresEachReferenceThroughTheSandboxAndDerivesItsLimit(@TempDir Path suites) throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger busyOnce = new AtomicInteger();
        HttpServer sandbox = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sandbox.createContext("/q/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sandbox.createContext("/api/executions", exchange -> {
            if (busyOnce.getAndIncrement() == 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(request);
            double seconds = request.contains("\"entryPoint\":\"similar_elements\"") ? 2.4 : 0.05;
            byte[] body = ("{\"outcome\":\"completed\",\"durationSeconds\":" + seconds + ",\"tests\":["
                    + "{\"name\":\"test-1\",\"status\":\"passed\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sandbox.start();
        Printed printed;
        try {
            printed = run("suites", "import", "mbpp", MBPP.toString(), "--as", "mbpp-three", "--limit", "3",
                    "--suites-dir", suites.toString(), "--parallel", "1",
                    "--sandbox-url", "http://127.0.0.1:" + sandbox.getAddress().getPort());
        } finally {
            sandbox.stop(0);
        }
        assertEquals(0, printed.code(), printed.err());
        assertEquals(3, bodies.size(), "each reference ran once, the busy answer was retried");
        JsonNode first = new ObjectMapper().readTree(bodies.get(0));
        assertEquals("python", first.path("language").asText());
        assertEquals(3, first.path("tests").size());
        assertEquals(120, first.path("limits").path("wallSeconds").asDouble(), "measured under the ceiling");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertEquals(10, yaml.readTree(suites.resolve("mbpp-three/tasks/mbpp-2.yaml").toFile())
                .path("timeout_seconds").asDouble(), "4 × 2.4 s, rounded up");
        assertEquals(4, yaml.readTree(suites.resolve("mbpp-three/tasks/mbpp-1.yaml").toFile())
                .path("timeout_seconds").asDouble(), "the floor");
        assertTrue(printed.out().contains("imported 3 tasks into"), printed.out());
    }

    @Test
    void withoutAReachableSandboxTheFormatsDefaultLimitIsUsedAndSaid(@TempDir Path suites) throws Exception {
        Printed printed = run("suites", "import", "mbpp", MBPP.toString(), "--as", "mbpp", "--limit", "2",
                "--suites-dir", suites.toString(), "--sandbox-url", "http://127.0.0.1:9");

        assertEquals(0, printed.code(), printed.err());
        assertTrue(printed.out().contains("sandbox-service is not reachable at http://127.0.0.1:9"), printed.out());
        assertEquals(10, new ObjectMapper(new YAMLFactory()).readTree(suites.resolve("mbpp/tasks/mbpp-1.yaml")
                .toFile()).path("timeout_seconds").asDouble());
    }

    @Test
    void aFailedImportSaysWhyAndWritesNothing(@TempDir Path suites) throws Exception {
        Printed printed = run("suites", "import", "humaneval", MBPP.resolve("mbpp.jsonl.gz").toString(), "--as", "x",
                "--suites-dir", suites.toString(), "--no-measure");

        assertEquals(1, printed.code());
        assertTrue(printed.err().contains("import failed: ") && printed.err().contains("mbpp.jsonl.gz line 1: field"
                + " 'prompt' is missing"), printed.err());
        try (var entries = Files.list(suites)) {
            assertFalse(entries.findAny().isPresent(), "nothing is left behind");
        }
        assertEquals(1, run("suites", "import", "nope", MBPP.toString(), "--as", "x", "--suites-dir",
                suites.toString()).code());
    }
}
