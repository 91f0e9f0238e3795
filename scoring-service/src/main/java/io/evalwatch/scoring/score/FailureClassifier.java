package io.evalwatch.scoring.score;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.TestResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why an item failed, from the evidence the sandbox gathered: one primary category and the others the evidence
 * also supports. The order of the checks is the order of explanation: a syntax error explains every failed test
 * after it, an invented API explains the errors it causes, an edge-case failure is only called so when every
 * ordinary test passed. Quality findings (complexity, security) are measures, never categories.
 */
public final class FailureClassifier {

    /** The primary category and the further ones the evidence supports (never the primary, never none). */
    public record Classification(FailureCategory primary, List<FailureCategory> secondary) {

        public Classification {
            secondary = List.copyOf(secondary);
        }
    }

    /** Exceptions that mean the code called or imported a name that does not exist. */
    static final Set<String> MISSING_NAME_ERRORS = Set.of("NameError", "ImportError", "ModuleNotFoundError",
            "ReferenceError", "NoSuchMethodError", "NoClassDefFoundError");

    /**
     * An AttributeError is weak evidence (a wrong answer hits one on a None); it counts when it names an attribute
     * of a module, which is an API the code assumed.
     */
    static final Pattern MODULE_ATTRIBUTE = Pattern.compile("^(?:partially initialized )?module '[\\w.]+' has no attribute");

    /** What a refusal says: a small list, matched case-insensitively anywhere in an answer without code. */
    static final List<Pattern> REFUSALS = List.of(
            Pattern.compile("\\bI(?:\\s*['’]m| am)\\s+sorry,?\\s+but\\b"),
            Pattern.compile("\\bI\\s+(?:can(?:['’]?t| ?not)|won['’]?t|will not|(?:am|['’]m)\\s+(?:unable|not able)\\s+to)"
                    + "\\s+(?:help|assist|provide|write|do|comply|complete|fulfil|create|support)"),
            Pattern.compile("\\bI(?:\\s*['’]m| am)\\s+(?:unable|not able)\\s+to\\b"),
            Pattern.compile("\\bas an AI\\b"),
            Pattern.compile("\\bI\\s+(?:must|have to)\\s+(?:decline|refuse)\\b"))
            .stream().map(p -> Pattern.compile(p.pattern(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .toList();

    /** A TypeError raised because the call did not fit the function's parameters: a different signature. */
    static final Pattern SIGNATURE_ERROR = Pattern.compile("takes (?:from )?\\d+ (?:to \\d+ )?positional arguments?"
            + "|missing \\d+ required (?:positional|keyword-only) arguments?|unexpected keyword argument"
            + "|takes no arguments|positional arguments? but \\d+ (?:was|were) given");

    /**
     * An error that says the code took its arguments for another type than the tests pass (a list for a string):
     * the answer was written for other inputs. A None is excluded: that is the code's own bug.
     */
    static final Pattern TYPE_CONFUSION = Pattern.compile("^'(?:str|list|tuple|dict|set|int|float|bytes)' object has"
            + " no attribute|^unsupported operand type\\(s\\)|argument must be (?:a )?(?:str|int|float|bytes|list)\\b");

    /** An error that says a value fell outside its range: the answer indexed or counted one past the end. */
    static final Pattern OUT_OF_RANGE = Pattern.compile("out of range|must be (?:in |between )?-?\\d+ ?(?:-|\\.\\.|to|and) ?-?\\d+",
            Pattern.CASE_INSENSITIVE);

    private FailureClassifier() {
    }

    public static Classification classify(ExecutionCompleted execution) {
        Evidence e = new Evidence(execution);
        FailureCategory primary = primary(e);
        List<FailureCategory> secondary = new ArrayList<>();
        if (primary != FailureCategory.NONE) {
            for (FailureCategory supported : e.supported()) {
                if (supported != primary) {
                    secondary.add(supported);
                }
            }
        }
        return new Classification(primary, secondary);
    }

    private static FailureCategory primary(Evidence e) {
        switch (e.outcome) {
            case Outcomes.SANDBOX_ERROR:
                return FailureCategory.SANDBOX_ERROR;
            case Outcomes.NO_CODE:
                return refusal(e.output) ? FailureCategory.REFUSAL : FailureCategory.FORMAT_FAILURE;
            case Outcomes.SYNTAX_ERROR:
                return FailureCategory.SYNTAX_ERROR;
            default:
                break;
        }
        if (!e.tests.isEmpty() && e.tests.stream().allMatch(TestResult::passed)) {
            return FailureCategory.NONE;
        }
        // a real package the environment lacks: the suite's environment is at fault, not an invented API
        if (e.signals.contains("missing_dependency")) {
            return FailureCategory.MISSING_DEPENDENCY;
        }
        if (e.inventedApiAtRunTime()) {
            return FailureCategory.HALLUCINATED_API;
        }
        if (Outcomes.MISSING_ENTRY_POINT.equals(e.outcome) || e.everyFailureASignatureError()) {
            return FailureCategory.CONTEXT_DRIFT;
        }
        switch (e.outcome) {
            case Outcomes.TIMEOUT:
                return FailureCategory.TIMEOUT;
            case Outcomes.MEMORY_LIMIT:
                return FailureCategory.MEMORY_LIMIT;
            case Outcomes.OUTPUT_LIMIT:
                return FailureCategory.OUTPUT_LIMIT;
            case Outcomes.LOAD_ERROR:
            case Outcomes.CRASHED:
                return FailureCategory.RUNTIME_ERROR;
            default:
                break;
        }
        if (e.tests.stream().anyMatch(t -> TestResult.TIMEOUT.equals(t.status()))) {
            return FailureCategory.TIMEOUT;
        }
        List<TestResult> failedOrdinary = e.failed().stream().filter(t -> !t.edge()).toList();
        if (failedOrdinary.isEmpty()) {
            return FailureCategory.ALMOST_CORRECT;
        }
        if (failedOrdinary.stream().allMatch(FailureClassifier::assertionOrBoundaryError)
                && failedOrdinary.stream().anyMatch(FailureClassifier::offByOne)) {
            return FailureCategory.BOUNDARY_FAILURE;
        }
        if (failedOrdinary.stream().allMatch(t -> TestResult.ERROR.equals(t.status()))) {
            return FailureCategory.RUNTIME_ERROR;
        }
        return FailureCategory.WRONG_ANSWER;
    }

    /** Whether an answer's text reads as a refusal (checked only when the answer held no code). */
    public static boolean refusal(String text) {
        return text != null && REFUSALS.stream().anyMatch(p -> p.matcher(text).find());
    }

    /** A failed test whose evidence says the answer is off at a boundary: values off by one, or an index past the end. */
    static boolean offByOne(TestResult test) {
        if (TestResult.FAILED.equals(test.status())) {
            ComparedValues values = ComparedValues.parse(test.message());
            return values != null && values.offByOne();
        }
        return boundaryError(test);
    }

    private static boolean boundaryError(TestResult test) {
        return TestResult.ERROR.equals(test.status()) && ("IndexError".equals(test.exceptionType())
                || test.message() != null && OUT_OF_RANGE.matcher(test.message()).find());
    }

    private static boolean assertionOrBoundaryError(TestResult test) {
        return TestResult.FAILED.equals(test.status()) || boundaryError(test);
    }

    static boolean typeConfusion(TestResult test) {
        return TestResult.ERROR.equals(test.status())
                && ("TypeError".equals(test.exceptionType()) || "AttributeError".equals(test.exceptionType()))
                && test.message() != null && TYPE_CONFUSION.matcher(test.message()).find();
    }

    static boolean signatureError(TestResult test) {
        return TestResult.ERROR.equals(test.status()) && "TypeError".equals(test.exceptionType())
                && test.message() != null && SIGNATURE_ERROR.matcher(test.message()).find();
    }

    static boolean missingName(TestResult test) {
        if (test.passed() || test.exceptionType() == null) {
            return false;
        }
        return MISSING_NAME_ERRORS.contains(test.exceptionType()) || "AttributeError".equals(test.exceptionType())
                && test.message() != null && MODULE_ATTRIBUTE.matcher(test.message()).find();
    }

    /** The evidence of one execution, gathered once. */
    private static final class Evidence {
        final List<TestResult> tests;
        final List<String> signals;
        final String outcome;
        final String output;
        final Map<String, Object> analysis;

        Evidence(ExecutionCompleted execution) {
            tests = execution.tests() == null ? List.of() : execution.tests();
            signals = execution.signals() == null ? List.of() : execution.signals();
            outcome = execution.outcome() == null ? Outcomes.SANDBOX_ERROR : execution.outcome();
            GenerationCompleted g = execution.generation();
            output = g == null ? null : g.output();
            analysis = execution.staticAnalysis() == null ? Map.of() : execution.staticAnalysis();
        }

        List<TestResult> failed() {
            return tests.stream().filter(t -> !t.passed() && !TestResult.NOT_RUN.equals(t.status())).toList();
        }

        /** The analysers found names or modules that do not exist (evidence on its own, not yet a cause). */
        boolean analysersFoundInventedNames() {
            // mypy's missing modules are not counted here: real packages are among them, the sandbox's signal
            // already tells them apart
            return signals.contains("hallucinated_api") || signals.contains("undefined_names")
                    || QualitySignals.listSize(analysis, "pyflakes", "undefinedNames") > 0;
        }

        /**
         * An invented API made the run fail: a failed test raised a missing-name error, or an AttributeError the
         * analysers also saw coming, or the code did not load and the sandbox said why (hallucinated_api).
         */
        boolean inventedApiAtRunTime() {
            boolean analysers = analysersFoundInventedNames();
            for (TestResult t : failed()) {
                if (missingName(t) || analysers && "AttributeError".equals(t.exceptionType())) {
                    return true;
                }
            }
            return signals.contains("hallucinated_api")
                    && (Outcomes.LOAD_ERROR.equals(outcome) || Outcomes.CRASHED.equals(outcome));
        }

        /** Every failed test rejected the call's arguments, or took them for another type. */
        boolean everyFailureASignatureError() {
            List<TestResult> failed = failed();
            return !failed.isEmpty() && failed.stream().allMatch(t -> signatureError(t) || typeConfusion(t));
        }

        /** Every category the evidence supports, in the order of the taxonomy. */
        Set<FailureCategory> supported() {
            Set<FailureCategory> found = EnumSet.noneOf(FailureCategory.class);
            List<TestResult> failed = failed();
            if (signals.contains("missing_dependency")) {
                found.add(FailureCategory.MISSING_DEPENDENCY);
            }
            if (inventedApiAtRunTime() || analysersFoundInventedNames() && !signals.contains("missing_dependency")) {
                found.add(FailureCategory.HALLUCINATED_API);
            }
            if (Outcomes.MISSING_ENTRY_POINT.equals(outcome) || signals.contains("wrong_signature")
                    || failed.stream().anyMatch(FailureClassifier::signatureError)) {
                found.add(FailureCategory.CONTEXT_DRIFT);
            }
            if (Outcomes.TIMEOUT.equals(outcome) || failed.stream().anyMatch(t -> TestResult.TIMEOUT.equals(t.status()))) {
                found.add(FailureCategory.TIMEOUT);
            }
            if (Outcomes.MEMORY_LIMIT.equals(outcome) || signals.contains("memory_limit")) {
                found.add(FailureCategory.MEMORY_LIMIT);
            }
            if (Outcomes.OUTPUT_LIMIT.equals(outcome) || signals.contains("output_limit")) {
                found.add(FailureCategory.OUTPUT_LIMIT);
            }
            if (failed.stream().anyMatch(FailureClassifier::offByOne)) {
                found.add(FailureCategory.BOUNDARY_FAILURE);
            }
            return found;
        }
    }
}
