package io.evalwatch.cli;

import static io.evalwatch.cli.CommandLineContractTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.evalwatch.cli.CommandLineContractTest.Printed;
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

/** export and import against a stand-in reporting-service and task-service. */
class ReviewCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer stack;
    private String url;
    private final List<String> requests = new ArrayList<>();
    private final List<JsonNode> bodies = new ArrayList<>();

    @BeforeEach
    void startStack() throws Exception {
        stack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stack.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + path);
            if (!body.isBlank()) {
                bodies.add(JSON.readTree(body));
            }
            String answer = switch (path) {
                case "/api/runs/r1/review/samples" -> """
                        {"sampleId":"5a3b9c1d-0000","runId":"r1","seed":77,"minutes":10,"secondsPerItem":60,
                         "size":2,"available":40,"entries":[
                          {"entryId":"e1","suite":"starter","suiteVersion":"1.0.0","taskId":"luhn",
                           "answer":"def a():\\n    pass\\n"},
                          {"entryId":"e2","suite":"starter","suiteVersion":"1.0.0","taskId":"gone",
                           "answer":"x = 1"}]}""";
                case "/api/suites/starter/versions/1.0.0/tasks/luhn" -> """
                        {"taskId":"luhn","content":{"prompt":"Write the Luhn check.","reference":"secret"}}""";
                case "/api/runs/r1/review/samples/5a3b9c1d-0000/verdicts" -> """
                        {"sampleId":"5a3b9c1d-0000","reviewer":"ann","stored":1,"replaced":0}""";
                case "/api/runs/r1/review/summary" -> """
                        {"runId":"r1","samples":1,"reviewers":["ann","bob"],
                         "all":{"model":null,"itemsReviewed":10,"verdicts":20,"acceptRate":0.55,"introducesBugRate":0.1,
                                "reviewerAgreement":[{"first":"ann","second":"bob","entries":10,"agreement":0.7,
                                                      "kappa":0.4,"kappaUndefinedBecause":null}],
                                "automated":{"verdicts":20,"agreement":0.55,"kappa":null,
                                             "kappaUndefinedBecause":"both gave the same answer to every entry (yes)"}},
                         "models":[{"model":"sim-a","itemsReviewed":10,"verdicts":20,"acceptRate":0.55,
                                "introducesBugRate":0.1,"reviewerAgreement":[{"first":"ann","second":"bob","entries":10,
                                "agreement":0.7,"kappa":0.4,"kappaUndefinedBecause":null}],
                                "automated":{"verdicts":20,"agreement":0.55,"kappa":0.0,
                                             "kappaUndefinedBecause":null}}]}""";
                default -> null;
            };
            byte[] bytes = (answer != null ? answer : "{\"detail\":\"no such thing\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer != null ? 200 : 404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        stack.start();
        url = "http://127.0.0.1:" + stack.getAddress().getPort();
    }

    @AfterEach
    void stopStack() {
        stack.stop(0);
    }

    @Test
    void exportWritesABlindFileWithPromptsAndImportPostsTheVerdicts() throws Exception {
        Path file = dir.resolve("review.yaml");
        Printed exported = run("review", "export", "r1", "--minutes", "10", "--out", file.toString(),
                "--reporting-url", url, "--task-url", url);
        assertEquals(0, exported.code(), exported.err());
        assertEquals(JSON.readTree("{\"minutes\":10.0,\"secondsPerItem\":60.0}"), bodies.get(0));
        assertTrue(exported.out().contains("wrote 2 entries (of 40 scored items; seed 77)"), exported.out());
        assertTrue(exported.err().contains("no prompt for 1 task(s)"), exported.err());
        String text = Files.readString(file);
        assertTrue(text.contains("prompt: Write the Luhn check."), text);
        assertFalse(text.contains("secret"), "the reference never reaches the reviewer");
        assertTrue(text.contains("sample: 5a3b9c1d-0000") && text.contains("seed: 77"), text);

        Printed again = run("review", "export", "r1", "--out", file.toString(), "--reporting-url", url);
        assertEquals(ExitCodes.USAGE, again.code());
        assertTrue(again.err().contains("already exists"), again.err());

        Files.writeString(file, text.replaceFirst("  accept:\n  introduces_bug:\n  comment:\n",
                "  accept: yes\n  introduces_bug: no\n  comment: tidy\n"));
        bodies.clear();
        Printed imported = run("review", "import", file.toString(), "--reviewer", "ann", "--reporting-url", url);
        assertEquals(0, imported.code(), imported.err());
        assertEquals(JSON.readTree("{\"reviewer\":\"ann\",\"verdicts\":[{\"entryId\":\"e1\",\"accept\":true,"
                + "\"introducesBug\":false,\"comment\":\"tidy\"}]}"), bodies.get(0));
        assertTrue(imported.out().contains("imported 1 verdicts of ann on run r1 (1 entries left empty)"),
                imported.out());
    }

    @Test
    void theSummaryShowsRatesAndKappasOrJsonAlone() throws Exception {
        Printed table = run("review", "summary", "r1", "--reporting-url", url);
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("sim-a") && table.out().contains("55 %") && table.out().contains("10 %"),
                table.out());
        assertTrue(table.out().contains("ann / bob: 10 items, agree on 70 %, kappa 0.40"), table.out());
        assertTrue(table.out().contains("undefined (both gave the same answer to every entry (yes))"), table.out());

        Printed json = run("review", "summary", "r1", "--reporting-url", url, "--format", "json");
        assertEquals(0.4, JSON.readTree(json.out()).path("models").get(0).path("reviewerAgreement").get(0)
                .path("kappa").asDouble());
    }

    @Test
    void aBadFileIsRefusedWithEveryProblemAndNothingIsSent() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, ReviewFile.write("r1", "5a3b9c1d-0000", 77, List.of(
                new ReviewFile.Entry("e1", "luhn", null, "a"), new ReviewFile.Entry("e2", "gone", null, "b")))
                .replaceFirst("  accept:\n", "  accept: perhaps\n"));
        Printed printed = run("review", "import", file.toString(), "--reviewer", "ann", "--reporting-url", url);
        assertEquals(ExitCodes.USAGE, printed.code(), printed.err());
        assertTrue(printed.err().contains("nothing imported, 2 problem(s):"), printed.err());
        assertTrue(printed.err().contains("entry e1, field introduces_bug: empty; write yes or no"), printed.err());
        assertTrue(printed.err().contains("entry e1, field accept: 'perhaps' is not allowed; write yes or no"),
                printed.err());
        assertTrue(requests.isEmpty(), "nothing sent: " + requests);
    }
}
