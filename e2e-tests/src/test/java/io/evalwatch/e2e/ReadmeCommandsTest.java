package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How README.md's commands are read for ReadmeCommandsIT. */
class ReadmeCommandsTest {

    @Test
    void joinsContinuationsAndSplitsOffCommentsOutsideQuotes() {
        List<ReadmeCommands.Command> commands = ReadmeCommands.parse("""
                # Title
                ## Tour
                ```bash
                ./evalwatch up        # start it
                # a comment line
                curl -s -X POST localhost:8081/api/runs -H "Authorization: Bearer $(cat .evalwatch/api-key)" \\
                  -d '{"suite": "starter", "note": "# not a comment"}'   # the run
                ./evalwatch suites overlap --train t.jsonl suites/golden   # leaked tasks (exit 1)
                ```
                ```yaml
                name: x   # not a command
                ```
                """);
        assertEquals(3, commands.size(), commands.toString());
        assertEquals("./evalwatch up", commands.get(0).text());
        assertEquals("start it", commands.get(0).comment());
        assertEquals("Tour", commands.get(0).section());
        assertEquals(4, commands.get(0).line());
        assertTrue(commands.get(1).text().endsWith("-d '{\"suite\": \"starter\", \"note\": \"# not a comment\"}'"),
                commands.get(1).text());
        assertEquals(6, commands.get(1).line());
        assertEquals(0, commands.get(1).expectedExit());
        assertEquals(1, commands.get(2).expectedExit());
    }

    @Test
    void refusesCommandsInABlockWithoutLanguage() {
        var refused = assertThrows(IllegalArgumentException.class, () -> ReadmeCommands.parse("""
                ```
                ./evalwatch up
                ```
                """));
        assertTrue(refused.getMessage().contains("```bash"), refused.getMessage());
    }

    @Test
    void theReadmeParsesAndStartsWithTheTwoCommands() throws Exception {
        List<ReadmeCommands.Command> commands = ReadmeCommands.parse(
                Files.readString(StackFixture.root().resolve("README.md")));
        assertEquals("./evalwatch demo", commands.get(0).text());
        assertEquals("mvn -B verify", commands.get(1).text());
        assertTrue(commands.stream().anyMatch(c -> c.text().equals("./evalwatch report --format json | jq .")),
                "README shows the JSON report piped to jq");
    }
}
