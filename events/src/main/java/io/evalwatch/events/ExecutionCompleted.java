package io.evalwatch.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The sandbox ran an item's code against its tests. outcome is the execution as a whole (see {@link Outcomes});
 * tests holds one result per test of the task, in task order, none dropped.
 */
public record ExecutionCompleted(
        int schemaVersion,
        String itemId,
        String runId,
        GenerationCompleted generation,
        String outcome,
        List<TestResult> tests,
        List<String> signals,
        Map<String, Object> staticAnalysis,
        String isolation,
        double durationSeconds,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;

    /** Whole-execution outcomes. */
    public static final class Outcomes {
        public static final String COMPLETED = "completed";
        public static final String SYNTAX_ERROR = "syntax_error";
        public static final String MISSING_ENTRY_POINT = "missing_entry_point";
        public static final String LOAD_ERROR = "load_error";
        public static final String TIMEOUT = "timeout";
        public static final String MEMORY_LIMIT = "memory_limit";
        public static final String OUTPUT_LIMIT = "output_limit";
        public static final String CRASHED = "crashed";
        public static final String NO_CODE = "no_code";
        public static final String SANDBOX_ERROR = "sandbox_error";

        private Outcomes() {
        }
    }
}
