package io.evalwatch.scoring.score;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.TestResult;
import java.util.List;
import java.util.Set;

/**
 * The first reason an item failed, from the evidence the sandbox gathered. The order matters: a syntax error
 * explains every failed test after it, so it wins over wrong answers; an edge-case failure is only called so when
 * every ordinary test passed.
 */
public final class FailureClassifier {

    /** Exceptions that mean the code called something that does not exist. */
    static final Set<String> MISSING_NAME_ERRORS = Set.of("NameError", "ImportError", "ModuleNotFoundError",
            "ReferenceError", "NoSuchMethodError", "NoClassDefFoundError");

    private FailureClassifier() {
    }

    public static FailureCategory classify(ExecutionCompleted execution) {
        List<TestResult> tests = execution.tests() == null ? List.of() : execution.tests();
        List<String> signals = execution.signals() == null ? List.of() : execution.signals();
        String outcome = execution.outcome() == null ? Outcomes.SANDBOX_ERROR : execution.outcome();
        switch (outcome) {
            case Outcomes.NO_CODE:
                return FailureCategory.FORMAT_FAILURE;
            case Outcomes.SYNTAX_ERROR:
                return FailureCategory.SYNTAX_ERROR;
            case Outcomes.SANDBOX_ERROR:
                return FailureCategory.SANDBOX_ERROR;
            default:
                break;
        }
        if (!tests.isEmpty() && tests.stream().allMatch(TestResult::passed)) {
            return FailureCategory.NONE;
        }
        // a real package the environment lacks: the suite's environment is at fault, not an invented API
        if (signals.contains("missing_dependency")) {
            return FailureCategory.MISSING_DEPENDENCY;
        }
        if (signals.contains("hallucinated_api") || tests.stream().anyMatch(t -> !t.passed()
                && t.exceptionType() != null && MISSING_NAME_ERRORS.contains(t.exceptionType()))) {
            return FailureCategory.HALLUCINATED_API;
        }
        switch (outcome) {
            case Outcomes.MISSING_ENTRY_POINT:
                return FailureCategory.CONTEXT_DRIFT;
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
        if (tests.stream().anyMatch(t -> TestResult.TIMEOUT.equals(t.status()))) {
            return FailureCategory.TIMEOUT;
        }
        List<TestResult> failedOrdinary = tests.stream().filter(t -> !t.passed() && !t.edge()).toList();
        if (failedOrdinary.isEmpty()) {
            return FailureCategory.ALMOST_CORRECT;
        }
        if (failedOrdinary.stream().allMatch(t -> TestResult.ERROR.equals(t.status()))) {
            return FailureCategory.RUNTIME_ERROR;
        }
        return FailureCategory.WRONG_ANSWER;
    }
}
