package io.evalwatch.sandbox.isolation;

import java.util.List;

/**
 * Everything observed of one sandboxed run, before any interpretation: the harness records in order, the
 * output kept, and the evidence of limits and kills.
 *
 * @param malformedRecords lines on the results channel that were not valid records
 * @param outputBytes all bytes written to stdout and stderr, kept or not
 * @param outputLimitExceeded the run was killed because its output passed the kill threshold
 * @param timedOut the run was killed at its wall-time limit
 * @param exitCode the launcher's exit status (bubblewrap passes on the harness's), null when it was killed
 * @param strays processes that were still in the slot's cgroup after the sandbox ended and had to be killed
 */
public record RawRun(
        List<HarnessRecord> records,
        int malformedRecords,
        String output,
        long outputBytes,
        boolean outputTruncated,
        boolean outputLimitExceeded,
        boolean timedOut,
        Integer exitCode,
        int strays,
        ResourceEvidence resources,
        double seconds,
        String isolation) {

    public boolean reported(String event) {
        return records.stream().anyMatch(r -> event.equals(r.e()));
    }
}
