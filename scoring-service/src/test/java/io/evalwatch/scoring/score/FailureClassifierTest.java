package io.evalwatch.scoring.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.TestResult;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import io.evalwatch.scoring.score.FailureClassifier.Classification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every evidence pattern of the taxonomy, with the evidence as the sandbox reports it: outcomes, signals, and test
 * messages taken from real runs of the starter suite's mutated answers (the Python harness's message format).
 */
class FailureClassifierTest {

    // ---- refusal and format failure: no code

    @Test
    void theSimulatorsRefusalIsARefusal() throws IOException {
        String refusal = simulatorConstant("REFUSAL_TEXT");
        assertEquals(FailureCategory.REFUSAL, classify(Outcomes.NO_CODE, refusal, List.of(), List.of()).primary());
    }

    @Test
    void refusalPatternsAreRecognisedWhateverTheCase() {
        for (String text : List.of("I can't help with that.", "Sorry, I cannot assist with this request.",
                "I won't write code that does this.", "I'M SORRY, BUT this is not something I do.",
                "As an AI language model, I do not write code.", "I am unable to complete this task.",
                "I’m not able to provide that.", "I must decline this request.")) {
            assertTrue(FailureClassifier.refusal(text), text);
        }
    }

    @Test
    void anAnswerWithoutCodeThatIsNoRefusalIsAFormatFailure() throws IOException {
        for (String text : List.of(simulatorConstant("UNKNOWN_TASK_TEXT"), "Here is the function: it sorts the list.",
                "", "I can write it; it returns the sum.")) {
            assertFalse(FailureClassifier.refusal(text), text);
            assertEquals(FailureCategory.FORMAT_FAILURE, classify(Outcomes.NO_CODE, text, List.of(), List.of()).primary());
        }
        assertEquals(FailureCategory.FORMAT_FAILURE, classify(Outcomes.NO_CODE, null, List.of(), List.of()).primary());
    }

    // ---- outcomes that say it all

    @Test
    void outcomesOfTheSandboxAsBefore() {
        assertEquals(FailureCategory.SYNTAX_ERROR, primary(Outcomes.SYNTAX_ERROR, List.of(), notRun("a", false)));
        assertEquals(FailureCategory.SANDBOX_ERROR, primary(Outcomes.SANDBOX_ERROR, List.of(), notRun("a", false)));
        assertEquals(FailureCategory.TIMEOUT, primary(Outcomes.TIMEOUT, List.of("timeout"), pass("a"),
                new TestResult("b", TestResult.TIMEOUT, false, "Timeout", "still running", 0)));
        assertEquals(FailureCategory.MEMORY_LIMIT, primary(Outcomes.MEMORY_LIMIT, List.of("memory_limit"),
                error("a", false, "MemoryError", "")));
        assertEquals(FailureCategory.OUTPUT_LIMIT, primary(Outcomes.OUTPUT_LIMIT, List.of("output_limit"),
                notRun("a", false)));
        assertEquals(FailureCategory.RUNTIME_ERROR, primary(Outcomes.LOAD_ERROR, List.of("load_error"),
                notRun("a", false)));
        assertEquals(FailureCategory.RUNTIME_ERROR, primary(Outcomes.CRASHED, List.of("crashed"), pass("a"),
                error("b", false, "SIGSEGV", "the process ended during this test")));
        assertEquals(FailureCategory.MISSING_DEPENDENCY, primary(Outcomes.LOAD_ERROR,
                List.of("load_error", "missing_dependency"), notRun("a", false)));
    }

    @Test
    void everyTestPassedIsNone() {
        Classification c = classify(Outcomes.COMPLETED, "out", List.of("undefined_names"), List.of(pass("a"), pass("b")));
        assertEquals(FailureCategory.NONE, c.primary());
        assertEquals(List.of(), c.secondary(), "a passing item has no failure categories");
    }

    // ---- hallucinated API

    @Test
    void aNameErrorOrAnAttributeOfAModuleIsAHallucinatedApi() {
        assertEquals(FailureCategory.HALLUCINATED_API, primary(Outcomes.COMPLETED, List.of(),
                error("a", false, "NameError", "name 'normalize_input' is not defined"), pass("b")));
        assertEquals(FailureCategory.HALLUCINATED_API, primary(Outcomes.COMPLETED, List.of(),
                error("a", false, "AttributeError", "module 'copy' has no attribute 'deepclone'"), pass("b")));
        assertEquals(FailureCategory.HALLUCINATED_API, primary(Outcomes.COMPLETED, List.of(),
                error("a", false, "ModuleNotFoundError", "No module named 'fastjsonx'")));
    }

    @Test
    void anAttributeErrorAloneIsNoHallucinationButWithTheAnalysersItIs() {
        TestResult onAList = error("a", false, "AttributeError", "'Interval' object has no attribute 'end'");
        assertEquals(FailureCategory.RUNTIME_ERROR, primary(Outcomes.COMPLETED, List.of(), onAList, pass("b")));
        assertEquals(FailureCategory.HALLUCINATED_API, primary(Outcomes.COMPLETED,
                List.of("undefined_names", "hallucinated_api"), error("a", false, "AttributeError",
                        "'str' object has no attribute 'reverse_words'"), pass("b")));
    }

    @Test
    void codeThatDoesNotLoadBecauseOfAnInventedApiIsAHallucinatedApi() {
        assertEquals(FailureCategory.HALLUCINATED_API, primary(Outcomes.LOAD_ERROR,
                List.of("load_error", "hallucinated_api"), notRun("a", false), notRun("b", true)));
    }

    @Test
    void undefinedNamesTheTestsDidNotHitAreSecondaryToAWrongAnswer() {
        Classification c = classify(Outcomes.COMPLETED, "out", List.of("undefined_names", "hallucinated_api"),
                List.of(failed("a", false, null), pass("b")));
        assertEquals(FailureCategory.WRONG_ANSWER, c.primary());
        assertEquals(List.of(FailureCategory.HALLUCINATED_API), c.secondary());
    }

    // ---- context drift

    @Test
    void aMissingEntryPointIsContextDrift() {
        assertEquals(FailureCategory.CONTEXT_DRIFT, primary(Outcomes.MISSING_ENTRY_POINT,
                List.of("missing_entry_point"), notRun("a", false)));
    }

    @Test
    void everyFailedTestRejectingTheArgumentsIsContextDrift() {
        for (String message : List.of("chunk_list() takes 1 positional argument but 2 were given",
                "is_valid_ipv4() missing 1 required positional argument: 'months'",
                "f() got an unexpected keyword argument 'size'")) {
            assertEquals(FailureCategory.CONTEXT_DRIFT, primary(Outcomes.COMPLETED, List.of(),
                    error("a", false, "TypeError", message), error("b", true, "TypeError", message)), message);
        }
        TestResult subscript = error("a", false, "TypeError", "'NoneType' object is not subscriptable");
        assertEquals(FailureCategory.RUNTIME_ERROR, primary(Outcomes.COMPLETED, List.of(), subscript, pass("b")),
                "a TypeError that is not about the call's arguments says nothing about the signature");
    }

    @Test
    void everyFailedTestTakingTheArgumentsForAnotherTypeIsContextDrift() {
        // wrap-text answered with ipv4-address's solution, chunk-list with add-months'
        assertEquals(FailureCategory.CONTEXT_DRIFT, primary(Outcomes.COMPLETED, List.of(),
                error("a", false, "AttributeError", "'list' object has no attribute 'split'"),
                error("b", false, "TypeError", "fromisoformat: argument must be str"),
                error("c", false, "TypeError", "unsupported operand type(s) for +: 'int' and 'str'")));
        assertEquals(FailureCategory.RUNTIME_ERROR, primary(Outcomes.COMPLETED, List.of(),
                error("a", false, "AttributeError", "'NoneType' object has no attribute 'split'")),
                "a None is the code's own bug, not another problem's inputs");
        assertEquals(FailureCategory.WRONG_ANSWER, primary(Outcomes.COMPLETED, List.of(),
                error("a", false, "AttributeError", "'list' object has no attribute 'split'"), failed("b", false, null)),
                "only when every failure says so");
    }

    @Test
    void someCallsRejectedIsSecondaryContextDrift() {
        Classification c = classify(Outcomes.COMPLETED, "out", List.of(), List.of(failed("a", false, null),
                error("b", false, "TypeError", "f() takes 1 positional argument but 2 were given")));
        assertEquals(FailureCategory.WRONG_ANSWER, c.primary());
        assertEquals(List.of(FailureCategory.CONTEXT_DRIFT), c.secondary());
    }

    // ---- almost correct, boundary failure, wrong answer

    @Test
    void onlyEdgeTestsFailedIsAlmostCorrect() {
        Classification c = classify(Outcomes.COMPLETED, "out", List.of("edge_case_only_failure"), List.of(pass("a"),
                error("empty-list", true, "IndexError", "list index out of range")));
        assertEquals(FailureCategory.ALMOST_CORRECT, c.primary());
        assertEquals(List.of(FailureCategory.BOUNDARY_FAILURE), c.secondary());
    }

    @Test
    void valuesOffByOneAreABoundaryFailure() {
        // chunk-list's off-by-one answer: the last chunk is missing
        assertEquals(FailureCategory.BOUNDARY_FAILURE, primary(Outcomes.COMPLETED, List.of(), pass("even"),
                failed("uneven", false, """
                        assert chunk_list([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
                        left [list, len 2]: [[1, 2], [3, 4]]
                        right [list, len 3]: [[1, 2], [3, 4], [5]]""")));
        assertEquals(FailureCategory.BOUNDARY_FAILURE, primary(Outcomes.COMPLETED, List.of(), failed("len", false, """
                assert len(result) == 3
                left [int]: 2
                right [int]: 3""")));
        // a date one month off: same shape, one number one apart
        assertEquals(FailureCategory.BOUNDARY_FAILURE, primary(Outcomes.COMPLETED, List.of(), failed("d", false, """
                assert add_months("2024-03-10", 2) == "2024-05-10"
                left [str, len 10]: '2024-04-10'
                right [str, len 10]: '2024-05-10'""")));
    }

    @Test
    void anIndexPastTheEndOrAValueOutOfRangeIsABoundaryFailure() {
        assertEquals(FailureCategory.BOUNDARY_FAILURE, primary(Outcomes.COMPLETED, List.of(), pass("a"),
                error("b", false, "IndexError", "list index out of range")));
        // add-months' off-by-one answer asks the calendar for month 0
        assertEquals(FailureCategory.BOUNDARY_FAILURE, primary(Outcomes.COMPLETED, List.of(), pass("a"),
                error("b", false, "IllegalMonthError", "bad month number 0; must be 1-12")));
    }

    @Test
    void valuesThatDifferOtherwiseAreAWrongAnswer() {
        // parse-hex-color's off-by-one answer: the slice moved, so the values are far apart
        assertEquals(FailureCategory.WRONG_ANSWER, primary(Outcomes.COMPLETED, List.of(), failed("hex", false, """
                assert parse_hex_color("#ff8000") == (255, 128, 0)
                left [tuple, len 3]: (248, 0, 0)
                right [tuple, len 3]: (255, 128, 0)""")));
        assertEquals(FailureCategory.WRONG_ANSWER, primary(Outcomes.COMPLETED, List.of(), failed("n", false, """
                assert f(2) == 7
                left [int]: 5
                right [int]: 7""")));
        assertEquals(FailureCategory.WRONG_ANSWER, primary(Outcomes.COMPLETED, List.of(), failed("bool", false, null)),
                "an assertion without values gives no evidence of a boundary");
        assertEquals(FailureCategory.WRONG_ANSWER, primary(Outcomes.COMPLETED, List.of(), failed("b", false, """
                assert f() == True
                left [bool]: False
                right [bool]: True""")), "booleans are not numbers one apart");
    }

    @Test
    void aBoundaryNeedsEveryOrdinaryFailureToBeAnAssertionOrABoundaryError() {
        assertEquals(FailureCategory.WRONG_ANSWER, primary(Outcomes.COMPLETED, List.of(),
                error("a", false, "ValueError", "invalid literal for int()"), failed("b", false, """
                        assert f(1) == 2
                        left [int]: 1
                        right [int]: 2""")));
    }

    @Test
    void everyFailedOrdinaryTestAnErrorIsARuntimeError() {
        assertEquals(FailureCategory.RUNTIME_ERROR, primary(Outcomes.COMPLETED, List.of(),
                error("a", false, "ZeroDivisionError", "division by zero"), pass("b")));
    }

    @Test
    void comparedValuesParseTheHarnessFormat() {
        ComparedValues values = ComparedValues.parse("""
                assert f() == [1]
                left [list, len 0]: []
                right [list, len 1]: [1]""");
        assertEquals(new ComparedValues.Side("list", 0, "[]"), values.left());
        assertEquals(new ComparedValues.Side("list", 1, "[1]"), values.right());
        assertEquals(null, ComparedValues.parse("expected ValueError for size=-2"));
        assertEquals(null, ComparedValues.parse(null));
        assertFalse(ComparedValues.parse("left [float]: 2.5\nright [int]: 4").offByOne());
        assertTrue(ComparedValues.parse("left [float]: 2.5\nright [float]: 3.5").offByOne());
        assertTrue(ComparedValues.parse("left [int]: 3\nright [float]: 2.0").offByOne());
    }

    // ---- helpers

    private static FailureCategory primary(String outcome, List<String> signals, TestResult... tests) {
        return classify(outcome, "out", signals, List.of(tests)).primary();
    }

    private static Classification classify(String outcome, String output, List<String> signals,
            List<TestResult> tests) {
        GenerationCompleted g = new GenerationCompleted(1, "r/t/m/0/base", "r", "s", "1", "m", 0, "base",
                ItemScorerTest.TASK, output, null, "none", Timings.none(), new Usage(1, 1), 0, null, null, 1,
                Instant.EPOCH, Instant.EPOCH);
        return FailureClassifier.classify(new ExecutionCompleted(1, g.itemId(), g.runId(), g, outcome, tests, signals,
                Map.of(), "bwrap", 0.1, Instant.EPOCH));
    }

    static TestResult pass(String name) {
        return new TestResult(name, TestResult.PASSED, false, null, null, 0.001);
    }

    static TestResult failed(String name, boolean edge, String message) {
        return new TestResult(name, TestResult.FAILED, edge, "AssertionError", message, 0.001);
    }

    static TestResult error(String name, boolean edge, String type, String message) {
        return new TestResult(name, TestResult.ERROR, edge, type, message, 0.001);
    }

    static TestResult notRun(String name, boolean edge) {
        return new TestResult(name, TestResult.NOT_RUN, edge, null, null, 0);
    }

    /** A text constant of the model simulator's AnswerComposer, read from its source: the texts it really sends. */
    private static String simulatorConstant(String name) throws IOException {
        String source = Files.readString(Path.of("../model-simulator/src/main/java/io/evalwatch/simulator/answer/"
                + "AnswerComposer.java"));
        Matcher m = Pattern.compile(name + " = ((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+);").matcher(source);
        assertTrue(m.find(), name + " not found in AnswerComposer");
        StringBuilder text = new StringBuilder();
        Matcher literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(1));
        while (literal.find()) {
            text.append(literal.group(1));
        }
        return text.toString();
    }
}
