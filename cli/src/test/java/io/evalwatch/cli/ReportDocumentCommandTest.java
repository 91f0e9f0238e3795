package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report and regression with --format markdown|html: the document alone on stdout, or in --out FILE with Markdown's
 * charts fetched beside it. A stand-in reporting-service answers as the real one does (ReportDocumentsResourceTest).
 */
class ReportDocumentCommandTest {

    private HttpServer reporting;
    private String url;
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void startReporting() throws Exception {
        reporting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        reporting.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            asked.add(path + (query == null ? "" : "?" + query));
            String type = "application/json";
            String answer;
            if (path.equals("/api/runs")) {
                answer = "[{\"runId\":\"r1\"}]";
            } else if (path.equals("/api/runs/r1/report") && "format=markdown&charts=run-".equals(query)) {
                type = "text/markdown";
                answer = "# Run report: r1\n\n![Latency](run-latency.svg)\n\n![Frontier](run-frontier.svg)\n";
            } else if (path.equals("/api/runs/r1/report") && "format=markdown".equals(query)) {
                type = "text/markdown";
                answer = "# Run report: r1\n\n| model | TTFT p50 (s) |\n| --- | --- |\n";
            } else if (path.equals("/api/runs/r1/regression") && "format=html&baseline=r0".equals(query)) {
                type = "text/html";
                answer = "<!DOCTYPE html><h1>Regression report</h1>";
            } else if (path.startsWith("/api/runs/r1/report/charts/")) {
                type = "image/svg+xml";
                answer = "<svg>" + path.substring(path.lastIndexOf('/') + 1) + "</svg>";
            } else {
                answer = null;
            }
            byte[] body = (answer != null ? answer : "{\"detail\":\"no such thing\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(answer != null ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        reporting.start();
        url = "http://127.0.0.1:" + reporting.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        reporting.stop(0);
    }

    @Test
    void markdownOnStdoutIsTheDocumentAloneWithItsChartsAsTables() {
        CommandLineContractTest.Printed printed = CommandLineContractTest.run("report", "--reporting-url", url,
                "--format", "markdown");
        assertEquals(0, printed.code(), printed.err());
        assertEquals("# Run report: r1\n\n| model | TTFT p50 (s) |\n| --- | --- |\n", printed.out());
        assertTrue(asked.contains("/api/runs"), "the latest run, as report without an id does: " + asked);
    }

    @Test
    void markdownIntoAFileGetsEachLinkedChartBesideIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run.md");
        CommandLineContractTest.Printed printed = CommandLineContractTest.run("report", "r1", "--reporting-url", url,
                "--format", "markdown", "--out", out.toString());
        assertEquals(0, printed.code(), printed.err());
        assertEquals("", printed.out());
        assertTrue(Files.readString(out).contains("![Latency](run-latency.svg)"));
        assertEquals("<svg>latency.svg</svg>", Files.readString(dir.resolve("run-latency.svg")));
        assertEquals("<svg>frontier.svg</svg>", Files.readString(dir.resolve("run-frontier.svg")));
        assertTrue(printed.err().contains("2 chart(s) beside it"), printed.err());
    }

    @Test
    void theRegressionReportInHtmlAgainstANamedRun() {
        CommandLineContractTest.Printed printed = CommandLineContractTest.run("regression", "r1", "--baseline", "r0",
                "--reporting-url", url, "--format", "html");
        assertEquals(0, printed.code(), printed.err());
        assertEquals("<!DOCTYPE html><h1>Regression report</h1>", printed.out());
    }

    @Test
    void outWithoutADocumentFormatIsAUsageError() {
        CommandLineContractTest.Printed printed = CommandLineContractTest.run("report", "r1", "--reporting-url", url,
                "--out", "x.md");
        assertEquals(ExitCodes.USAGE, printed.code());
        assertTrue(printed.err().contains("--format markdown or html"), printed.err());
    }

    @Test
    void chartLinksAreFoundByTheirPrefix() {
        assertEquals("report-", ReportDocument.chartPrefix(Path.of("out/report.md")));
        assertEquals("report-", ReportDocument.chartPrefix(Path.of("my report.md")), "a prefix a link can hold");
        assertEquals(List.of("latency", "pass-rate-sim-alpha"), ReportDocument.linkedCharts(
                "![a](r-latency.svg) ![b](r-pass-rate-sim-alpha.svg) ![c](other-x.svg) ![a](r-latency.svg)", "r-"));
    }
}
