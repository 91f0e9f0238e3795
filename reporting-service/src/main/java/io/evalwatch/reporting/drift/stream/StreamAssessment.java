package io.evalwatch.reporting.drift.stream;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link StreamDetector#assess} concluded about a comparison stream: one row per check (every run after the
 * reference), the state of the latest run, one human sentence and the evidence of the latest run as a JSON-friendly
 * map (Strings, Numbers, Booleans, Lists and Maps; numbers rounded to four significant digits).
 *
 * @param state the state of the latest run
 * @param checks one row per run after the reference, in the order given
 * @param alertOpen whether the stream is out of control after the latest run (an alert should be open)
 * @param summary one sentence with the figures, e.g. "pass rate 0.66 against the stream's in-control 0.80 (z=-3.9;
 *     CUSUM 6.1 > 4.0)"
 * @param evidence the statistics behind the latest state, for an alert: see the package documentation for the keys
 */
public record StreamAssessment(State state, List<Check> checks, boolean alertOpen, String summary,
        Map<String, Object> evidence) {

    public StreamAssessment {
        checks = List.copyOf(checks);
        evidence = evidence == null ? Map.of() : evidence;
    }

    /** What the latest run means for the stream's alert. */
    public enum State {
        /**
     * Not enough history: the run is the reference itself, or a check during calibration, which joined the
     * calibration window or, clearly low, was held out of it.
     */
        CALIBRATING,
        /** Judged against the frozen in-control level, no alarm. */
        IN_CONTROL,
        /** An alarm is raised at this run: open a RegressionDetected alert. */
        ALARM,
        /** Alarmed earlier and still out: keep the open alert. */
        OUT_OF_CONTROL,
        /** Was out of control, now back: resolve the alert naming this run and the evidence. */
        RECOVERED,
        /** Too few paired items or tasks to judge; an open alert stays open. */
        TOO_FEW
    }

    /**
     * One check: a run after the reference compared with the stream's in-control level.
     *
     * @param runId the run
     * @param pairs items paired with the reference by (taskId, sample)
     * @param tasks tasks among the pairs
     * @param passRate the run's pass rate over its pairs (null without pairs)
     * @param inControlPassRate the in-control pass rate of the same pairs' tasks, from the calibration window (null
     *     when too few to judge)
     * @param statistic z: the standardized difference (negative = below the in-control level; null when too few)
     * @param cusum the one-sided CUSUM after this check (0 while calibrating)
     * @param calibrationRuns runs in the in-control estimate this check was compared with
     * @param alarm whether an alarm was raised at this check
     * @param state the state this check left the stream in
     * @param heldOut whether this calibrating check was held out of the in-control estimate (its statistic below
     *     the admission limit)
     */
    public record Check(String runId, int pairs, int tasks, Double passRate, Double inControlPassRate,
            Double statistic, double cusum, int calibrationRuns, boolean alarm, State state, boolean heldOut) {
    }

    /** The latest check, if there is one (none when only the reference was given). */
    public Optional<Check> latest() {
        return checks.isEmpty() ? Optional.empty() : Optional.of(checks.get(checks.size() - 1));
    }
}
