package io.evalwatch.cli.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format read from the real public files: counts, fields, and where a bad record is reported. */
class BenchmarkFormatsTest {

    @Test
    void humanEvalProblemsAreCompletionTasksRunningTheirCheck() throws Exception {
        List<ImportedTask> tasks = new HumanEvalFormat().read(Datasets.of("humaneval/HumanEval.jsonl.gz"), 0);

        assertEquals(164, tasks.size());
        ImportedTask first = tasks.get(0);
        assertEquals("humaneval-0", first.id());
        assertEquals("has_close_elements", first.entryPoint());
        assertEquals("completion", first.kind());
        assertTrue(first.tests().get(0).code().endsWith("check(has_close_elements)\n"));
        assertTrue(first.reference().startsWith(first.prompt()));
    }

    @Test
    void mbppHasEveryProblemWithItsAssertsSetupAndChallengeTestsAsEdgeTests() throws Exception {
        List<ImportedTask> tasks = new MbppFormat().read(Datasets.of("mbpp"), 0);

        assertEquals(974, tasks.size());
        ImportedTask first = tasks.get(0);
        assertEquals("mbpp-1", first.id());
        assertEquals("min_cost", first.entryPoint());
        assertEquals("generation", first.kind());
        assertEquals(List.of("test-1", "test-2", "test-3"), first.tests().stream().map(TestCase::name).toList());
        assertTrue(first.prompt().startsWith("Write a function to find the minimum cost path"));
        assertTrue(first.prompt().contains("assert min_cost([[1, 2, 3], [4, 8, 2], [1, 5, 3]], 2, 2) == 8"));
        assertFalse(first.reference().contains("\r"), "CRLF of the release becomes LF");

        long withChallenges = tasks.stream().filter(t -> t.tests().stream().anyMatch(TestCase::edge)).count();
        assertEquals(11, withChallenges, "the release has 11 problems with challenge tests");
        assertTrue(tasks.stream().flatMap(t -> t.tests().stream()).filter(TestCase::edge)
                .allMatch(t -> t.name().startsWith("challenge-")));
        // two problems have test_setup_code; it runs before each of their asserts
        List<ImportedTask> withSetup = tasks.stream()
                .filter(t -> !t.tests().get(0).code().startsWith("assert")).toList();
        assertEquals(List.of("mbpp-367", "mbpp-927"), withSetup.stream().map(ImportedTask::id).toList());
    }

    @Test
    void sanitizedMbppPutsItsImportsBeforeEachTest() throws Exception {
        List<ImportedTask> tasks = new MbppFormat().read(Datasets.of("mbpp/sanitized-mbpp.json.gz"), 0);

        assertEquals(427, tasks.size());
        assertTrue(tasks.stream().allMatch(t -> t.tags().contains("mbpp-sanitized")));
        assertTrue(tasks.stream().anyMatch(t -> t.tests().get(0).code().startsWith("import math\n")));
    }

    @Test
    void mbppPlusTasksRunTheDenseCheckOfTheOriginFormat() throws Exception {
        EvalPlusFormat format = new EvalPlusFormat();
        List<ImportedTask> tasks = format.read(Datasets.of("mbppplus"), 0);

        assertEquals(378, tasks.size());
        ImportedTask first = tasks.get(0);
        assertEquals("mbpp-2", first.id());
        assertEquals("similar_elements", first.entryPoint());
        assertEquals("generation", first.kind());
        assertEquals(1, first.tests().size());
        String check = first.tests().get(0).code();
        assertTrue(check.contains("inputs = [") && check.contains("results = ["), "the dense check");
        assertTrue(check.strip().endsWith("assertion(similar_elements(*inp), exp, 0)"));
        assertTrue(first.tags().containsAll(List.of("mbppplus", "Mbpp/2", "base-inputs=3")));
        assertEquals(13, tasks.stream().filter(t -> t.tags().contains("atol=0.0001")).count(),
                "13 tasks compare with atol 1e-4, the others exactly");
        assertTrue(tasks.stream().allMatch(t -> t.tests().get(0).code().contains(t.entryPoint() + "(*inp)")));
        assertTrue(tasks.stream().filter(t -> t.id().equals("mbpp-82")).findFirst().orElseThrow()
                .tests().get(0).code().startsWith("import math\n"), "test_imports come first");
        // either file names the pair
        assertEquals(378, format.read(Datasets.of("mbppplus/MbppPlus-OriginFmt.jsonl.gz"), 0).size());
    }

    @Test
    void aBadRecordIsReportedWithItsFileLineAndField(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"task_id\":\"HumanEval/0\",\"prompt\":\"def f():\\n\"}\n");
        ImportException e = assertThrows(ImportException.class, () -> new HumanEvalFormat().read(bad, 0));
        assertTrue(e.getMessage().contains("bad.jsonl line 1: field 'entry_point' is missing"), e.getMessage());

        Files.writeString(bad, "{\"task_id\":1,\"text\":\"t\",\"code\":\"def f(): pass\",\"test_list\":"
                + "[\"assert g() == 1\"],\"test_setup_code\":\"\",\"challenge_test_list\":[]}\n");
        e = assertThrows(ImportException.class, () -> new MbppFormat().read(bad, 0));
        assertTrue(e.getMessage().contains("line 1: field 'test_list' calls none of the functions"), e.getMessage());

        Files.writeString(bad, "{\"task_id\":1}\n");
        e = assertThrows(ImportException.class, () -> new MbppFormat().read(bad, 0));
        assertTrue(e.getMessage().contains("line 1: field 'text' is missing"), e.getMessage());

        Files.writeString(bad, "\n{\"task_id\":1}\nnot json\n");
        e = assertThrows(ImportException.class, () -> new MbppFormat().read(bad, 0));
        assertTrue(e.getMessage().contains("bad.jsonl line 3 is not JSON"), e.getMessage());
    }

    @Test
    void anEvalPlusReleaseWithoutItsDenseChecksIsRefused(@TempDir Path tmp) throws Exception {
        Files.copy(Datasets.of("mbppplus/MbppPlus.jsonl.gz"), tmp.resolve("MbppPlus.jsonl.gz"));
        ImportException e = assertThrows(ImportException.class, () -> new EvalPlusFormat().read(tmp, 0));
        assertTrue(e.getMessage().contains("no OriginFmt file"), e.getMessage());
    }

    @Test
    void pythonListLiteralsAreRead() throws Exception {
        assertEquals(List.of("import math", "x = 'a'"),
                PythonStrings.parseList("['import math', \"x = 'a'\"]", "here"));
        assertEquals(List.of(), PythonStrings.parseList("[]", "here"));
        assertThrows(ImportException.class, () -> PythonStrings.parseList("[1, 2]", "here"));
    }
}
