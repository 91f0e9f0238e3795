package io.evalwatch.sandbox.execution;

/**
 * The signals an execution can carry in ExecutionCompleted.signals: each names one piece of evidence found
 * while running or analysing the code. Sandbox violations come as {@link #SANDBOX_VIOLATION} plus one
 * {@code violation:<kind>} per kind seen.
 */
public final class Signals {

    public static final String SYNTAX_ERROR = "syntax_error";
    public static final String MISSING_ENTRY_POINT = "missing_entry_point";
    public static final String WRONG_SIGNATURE = "wrong_signature";
    public static final String HALLUCINATED_API = "hallucinated_api";
    /** An import of a package that exists but not in the run's environment (see Language#missingDependency). */
    public static final String MISSING_DEPENDENCY = "missing_dependency";
    public static final String UNDEFINED_NAMES = "undefined_names";
    public static final String LOAD_ERROR = "load_error";
    public static final String RUNTIME_ERROR = "runtime_error";
    public static final String WRONG_ANSWER = "wrong_answer";
    public static final String EDGE_CASE_ONLY_FAILURE = "edge_case_only_failure";
    public static final String TIMEOUT = "timeout";
    public static final String CPU_LIMIT = "cpu_limit";
    public static final String MEMORY_LIMIT = "memory_limit";
    public static final String OUTPUT_LIMIT = "output_limit";
    public static final String OUTPUT_TRUNCATED = "output_truncated";
    public static final String FILE_SIZE_LIMIT = "file_size_limit";
    public static final String DISK_FULL = "disk_full";
    public static final String CRASHED = "crashed";
    public static final String SPAWNED_PROCESS = "spawned_process";
    public static final String NATIVE_CODE = "native_code";
    public static final String RAW_OUTPUT_EXECUTABLE = "raw_output_executable";
    public static final String RAW_OUTPUT_NOT_EXECUTABLE = "raw_output_not_executable";
    public static final String SANDBOX_VIOLATION = "sandbox_violation";
    public static final String UNISOLATED = "unisolated";
    public static final String ISOLATION_UNAVAILABLE = "isolation_unavailable";
    public static final String UNSUPPORTED_LANGUAGE = "unsupported_language";

    /** Violation kinds, each reported as {@code violation:<kind>}. */
    public static final String NETWORK = "network";
    public static final String SIGNAL = "signal";
    public static final String SENSITIVE_FILE = "sensitive_file";
    public static final String PROCESS_LIMIT = "process_limit";
    public static final String LINGERING_PROCESS = "lingering_process";
    public static final String RESULTS_TAMPERED = "results_tampered";

    private Signals() {
    }

    public static String violation(String kind) {
        return "violation:" + kind;
    }
}
