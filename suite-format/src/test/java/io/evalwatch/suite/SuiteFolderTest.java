package io.evalwatch.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteFolderTest {

    static final String GENERATION = """
            id: add
            kind: generation
            category: arithmetic
            language: python
            complexity: 1
            tags: [domain:math]
            entry_point: add
            prompt: Write add(a, b) returning the sum.
            tests:
              - name: small
                code: assert add(1, 2) == 3
              - name: zero
                edge: true
                code: assert add(0, 0) == 0
            reference: |
              def add(a, b):
                  return a + b
            """;

    static final String COMPLETION = """
            id: fill
            kind: completion
            file: kit/calc.py
            context_files: [kit/money.py]
            prefix: |
              def total(items):
            suffix: ""
            reference: |2
                  return sum(to_cents(i) for i in items)
            entry_point: total
            prompt: Complete total(items) so it sums the items in cents.
            tests:
              - name: sums
                code: assert total([1, 2]) == 300
            simulation:
              ignores_context: |2
                    return sum(int(i * 100) for i in items)
            """;

    static final String REVIEW = """
            id: look
            kind: review
            prompt: Review this change to the orders endpoint.
            files:
              - path: app/orders.py
                content: |
                  def find(db, name):
                      return db.execute("select * from o where n = '" + name + "'")
            findings:
              - file: app/orders.py
                lines: [2, 2]
                tier: 1
                category: sql_injection
                severity: high
                note: the name is concatenated into the SQL
            """;

    static final String SEARCH = """
            id: where
            kind: search
            corpus: shop
            prompt: Where is the value added levy for a basket computed?
            gold:
              - file: shop/billing/tax.py
                symbol: vat_for_order
            """;

    @TempDir
    Path suite;

    @BeforeEach
    void suiteFolder() throws IOException {
        suite = suite.resolve("demo");
        write("suite.yaml", "name: demo\nversion: 1.0.0\ndescription: a test suite\n");
        write("codebase/kit/money.py", "def to_cents(x):\n    return int(round(x * 100))\n");
        write("corpus/shop/billing/tax.py", "RATE = 0.2\n\ndef vat_for_order(order):\n    return order * RATE\n");
        write("corpus/shop/README.md", "a shop\n");
    }

    @Test
    void loadsEveryKindToTheSpecEventsCarry() throws IOException {
        write("tasks/add.yaml", GENERATION);
        write("tasks/fill.yaml", COMPLETION);
        write("tasks/look.yaml", REVIEW);
        write("tasks/where.yaml", SEARCH);

        LoadedSuite loaded = SuiteFolder.load(suite);

        assertEquals("1.0.0", loaded.version());
        assertEquals(List.of("add", "fill", "look", "where"),
                loaded.tasks().stream().map(t -> t.spec().id()).toList());
        TaskSpec add = loaded.tasks().get(0).spec();
        assertEquals(TaskKind.GENERATION, add.kind());
        assertEquals(10.0, add.timeoutSeconds());
        assertEquals(1, add.complexity());
        assertTrue(add.tests().get(1).edge());
        TaskSpec fill = loaded.tasks().get(1).spec();
        assertEquals("kit/money.py", fill.files().get(0).path());
        assertEquals("def to_cents(x):\n    return int(round(x * 100))\ndef total(items):\n"
                + "    return sum(to_cents(i) for i in items)\n", fill.executableCode(fill.reference()));
        assertEquals("    return sum(int(i * 100) for i in items)\n",
                loaded.tasks().get(1).source().simulation().ignoresContext());
        TaskSpec look = loaded.tasks().get(2).spec();
        assertEquals(2, look.findings().get(0).startLine());
        TaskSpec where = loaded.tasks().get(3).spec();
        assertEquals(List.of("shop/README.md", "shop/billing/tax.py"),
                where.files().stream().map(f -> f.path()).toList());
        assertEquals("vat_for_order", where.gold().get(0).symbol());
    }

    @Test
    void anUnknownFieldIsPlacedAndGetsASuggestion() throws IOException {
        write("tasks/add.yaml", GENERATION.replace("entry_point: add", "entrypoint: add"));

        List<String> problems = problems();

        assertTrue(problems.contains(suite.resolve("tasks/add.yaml") + ":7:1: unknown field 'entrypoint'; did you"
                + " mean 'entry_point'? (fields of a generation task: id, kind, category, language, complexity,"
                + " tags, reviewed, prompt, entry_point, reference, tests, simulation, timeout_seconds, memory_mb,"
                + " environment)"), problems.toString());
    }

    @Test
    void anUnknownFieldOfANestedMappingNamesItsParent() throws IOException {
        write("tasks/add.yaml", GENERATION.replace("    edge: true", "    edgy: true"));

        List<String> problems = problems();

        assertTrue(problems.stream().anyMatch(p -> p.endsWith("add.yaml:13:5: unknown field 'edgy' in tests[1];"
                + " did you mean 'edge'? (fields of tests entries: name, code, edge)")), problems.toString());
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatToWrite() throws IOException {
        write("tasks/add.yaml", GENERATION.replace("complexity: 1", "complexity: hard"));

        List<String> problems = problems();

        assertEquals(List.of(suite.resolve("tasks/add.yaml") + ":5:1: complexity: expected a whole number 1..3,"
                + " got \"hard\""), problems);
    }

    @Test
    void aKindsMissingFieldIsNamedWithItsShape() throws IOException {
        write("tasks/look.yaml", REVIEW.substring(0, REVIEW.indexOf("findings:")));

        List<String> problems = problems();

        assertEquals(List.of(suite.resolve("tasks/look.yaml") + ":1:1: a review task needs 'findings': a list of"
                + " {file, lines: [start, end], tier, category, severity, note}"), problems);
    }

    @Test
    void aFieldOfAnotherKindIsAnError() throws IOException {
        write("tasks/look.yaml", REVIEW + "tests:\n  - code: assert True\n");

        List<String> problems = problems();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("look.yaml:16:1: 'tests' does not apply to a review task"),
                problems.toString());
    }

    @Test
    void aFindingOutsideItsFileIsAnError() throws IOException {
        write("tasks/look.yaml", REVIEW.replace("lines: [2, 2]", "lines: [2, 9]")
                .replace("category: sql_injection", "category: sqlinjection").replace("tier: 1", "tier: 4"));

        List<String> problems = problems();

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).endsWith(":11:5: lines [2, 9] are outside app/orders.py, which has lines 1..2"),
                problems.toString());
        assertTrue(problems.get(1).endsWith(":12:5: tier: expected a whole number 1..3, got 4"), problems.toString());
        assertTrue(problems.get(2).contains(":13:5: category 'sqlinjection' is not in the vocabulary; did you mean"
                + " 'sql_injection'?"), problems.toString());
    }

    @Test
    void aSearchQueryMustNotNameItsAnswer() throws IOException {
        write("tasks/where.yaml", SEARCH.replace("value added levy for a basket", "VAT for order"));
        write("tasks/other.yaml", SEARCH.replace("id: where", "id: other").replace("value added levy", "tax"));

        List<String> problems = problems();

        assertTrue(problems.stream().anyMatch(p -> p.contains("where.yaml:4:1: the query gives the answer away:"
                + " it contains 'vat_for_order'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("other.yaml:4:1: the query gives the answer away:"
                + " it contains 'tax'")), problems.toString());
    }

    @Test
    void searchGoldMustExistAndDefineItsSymbol() throws IOException {
        write("tasks/where.yaml", SEARCH.replace("symbol: vat_for_order", "symbol: shipping_for_order")
                + "  - file: shop/billing/gone.py\n");

        List<String> problems = problems();

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(":7:5: symbol 'shipping_for_order' is not defined"), problems.toString());
        assertTrue(problems.get(1).contains(":8:5: gold file 'shop/billing/gone.py' not found"), problems.toString());
    }

    @Test
    void aCompletionWithoutAHoleIsAFunctionCompletionAsHumanEvalsAndNeedsNoIgnoresContext() throws IOException {
        // the form ./evalwatch suites import humaneval writes: the prompt is the code to continue
        write("tasks/add.yaml", GENERATION.replace("kind: generation", "kind: completion"));

        LoadedSuite loaded = SuiteFolder.load(suite);

        TaskSpec add = loaded.tasks().get(0).spec();
        assertEquals(TaskKind.COMPLETION, add.kind());
        assertEquals(null, add.hole());
        assertEquals(add.reference(), add.executableCode(add.reference()), "the answer runs as it is");
    }

    @Test
    void completionContextFilesMustExistAndTheHoleNeedsBothSides() throws IOException {
        write("tasks/fill.yaml", COMPLETION.replace("[kit/money.py]", "[kit/money.py, kit/gone.py]")
                .replace("suffix: \"\"\n", ""));

        List<String> problems = problems();

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(":1:1: a completion task needs 'suffix'"), problems.toString());
        assertTrue(problems.get(1).contains(":4:31: context file 'kit/gone.py' not found"), problems.toString());
    }

    @Test
    void simulationKeysAreLimitedAndIgnoresContextIsForCompletions() throws IOException {
        write("tasks/add.yaml", GENERATION + "simulation:\n  of_by_one: x\n  ignores_context: y\n");

        List<String> problems = problems();

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(":19:3: unknown field 'of_by_one' in simulation; did you mean"
                + " 'off_by_one'?"), problems.toString());
        assertTrue(problems.get(1).contains(":20:3: simulation.ignores_context applies only to completion"),
                problems.toString());
    }

    @Test
    void everyProblemOfTheSuiteIsCollected() throws IOException {
        write("suite.yaml", "name: demo\nversion: 1.0.0\nowner: me\njudge: {model: j, rubric: r}\n");
        write("tasks/add.yaml", GENERATION.replace("entry_point: add", "entrypoint: add")
                .replace("complexity: 1", "complexity: hard").replace("language: python", "language: cobol"));
        write("tasks/look.yaml", REVIEW.replace("severity: high", "severity: urgent"));
        write("tasks/where.yaml", SEARCH.replace("corpus: shop", "corpus: mall"));

        SuiteFormatException e = assertThrows(SuiteFormatException.class, () -> SuiteFolder.load(suite));

        List<String> problems = e.problems().stream().map(Problem::toString).toList();
        String all = String.join("\n", problems);
        for (String expected : List.of("suite.yaml:3:1: unknown field 'owner'",
                "suite.yaml:4:19: unknown field 'rubric' in judge", "add.yaml:4:1: language 'cobol'",
                "add.yaml:5:1: complexity: expected", "add.yaml:7:1: unknown field 'entrypoint'",
                "add.yaml:1:1: a generation task needs 'entry_point'",
                "look.yaml:14:5: severity 'urgent' is not one of low, medium, high, critical",
                "where.yaml:3:1: corpus 'mall' not found")) {
            assertTrue(all.contains(expected), "missing \"" + expected + "\" in:\n" + all);
        }
        assertEquals(9, problems.size(), all);
    }

    @Test
    void aTaskFileAloneIsReadTolerantlyWithItsProblemsBeside() throws IOException {
        write("tasks/add.yaml", GENERATION + "owner: me\n");

        TaskReading reading = SuiteFolder.readTask(suite.resolve("tasks/add.yaml"));

        assertNotNull(reading.source(), "bound despite the unknown field");
        assertEquals("add", reading.source().entryPoint());
        assertEquals(null, reading.task());
        assertFalse(reading.problems().isEmpty());
    }

    @Test
    void notYamlIsReportedWithItsPlace() throws IOException {
        write("tasks/add.yaml", "id: add\nprompt: [unclosed\n");

        List<String> problems = problems();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("add.yaml:"), problems.toString());
        assertTrue(problems.get(0).contains("not valid YAML"), problems.toString());
    }

    private List<String> problems() {
        return SuiteFolder.read(suite).problems().stream().map(Problem::toString).toList();
    }

    private void write(String path, String text) throws IOException {
        Path file = suite.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
