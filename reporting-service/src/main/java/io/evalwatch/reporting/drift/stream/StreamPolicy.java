package io.evalwatch.reporting.drift.stream;

/**
 * How a comparison stream is watched across its weekly checks: the calibration window that fixes the in-control
 * level, the one-sided CUSUM and the single-check (Shewhart) limit that raise an alarm, the minimum effect an alarm
 * needs, the smallest check worth judging and the recovery rule. See the "Detection across checks" section of the
 * {@code io.evalwatch.reporting.drift} package documentation for the method and why these defaults.
 *
 * @param calibrationRuns W: the in-control level is estimated from the reference run and the next W - 1 valid runs
 *     that raised no alarm, then frozen until a new reference; the CUSUM starts once the window is full
 * @param cusumAllowance k: the CUSUM's allowance in standard errors; checks less than k standard errors below the
 *     in-control level pull the sum down
 * @param cusumLimit h: the CUSUM alarms when its sum exceeds h
 * @param shewhartLimit L: a single check more than L standard errors below the in-control level alarms on its own
 *     (also during calibration), so a large step is caught at the first check
 * @param minPassRateDrop smallest pass-rate drop worth an alarm, absolute (0.05 = 5 points): the check's own drop
 *     for a single-check alarm, the mean drop over the checks the CUSUM has been accumulating for a CUSUM alarm
 * @param minPairs fewer paired items than this in a check: too few to judge
 * @param minTasks fewer tasks than this in a check: too few to judge (the standard error rests on task-level
 *     differences)
 * @param recoveryZ a check counts towards recovery when it is at most this many standard errors below the in-control
 *     level
 * @param recoveryChecks this many such checks in a row end an alarm (RECOVERED)
 * @param betweenRunVariance whether the standard error also holds the variance of the run-level pass rate between
 *     the calibration runs beyond what their items explain (a model whose level wobbles from week to week), estimated
 *     once the window holds 3 runs
 * @param admissionZ the admission rule of the calibration window: a calibrating run joins it only when its
 *     statistic is not clearly low, z &gt;= -admissionZ, so a model that changed early does not pull the in-control
 *     level down towards itself; a run that is clearly high, z &gt; admissionZ, is held out as well, so that the
 *     truncation does not bias an unchanged stream's level upwards. A held-out run stays a check (CALIBRATING).
 *     With the rule the CUSUM runs from the first check, against the window so far, rather than from a full window.
 *     {@code Double.POSITIVE_INFINITY} = no rule: every run without an alarm joins, the CUSUM waits for a full
 *     window
 */
public record StreamPolicy(int calibrationRuns, double cusumAllowance, double cusumLimit, double shewhartLimit,
        double minPassRateDrop, int minPairs, int minTasks, double recoveryZ, int recoveryChecks,
        boolean betweenRunVariance, double admissionZ) {

    public StreamPolicy {
        if (calibrationRuns < 1) {
            throw new IllegalArgumentException("calibrationRuns must be at least 1: " + calibrationRuns);
        }
        if (!(cusumAllowance >= 0 && Double.isFinite(cusumAllowance))) {
            throw new IllegalArgumentException("cusumAllowance must be finite and non-negative: " + cusumAllowance);
        }
        if (!(cusumLimit > 0 && Double.isFinite(cusumLimit))) {
            throw new IllegalArgumentException("cusumLimit must be finite and positive: " + cusumLimit);
        }
        if (!(shewhartLimit > 0)) {
            throw new IllegalArgumentException("shewhartLimit must be positive (infinite = none): " + shewhartLimit);
        }
        if (!(minPassRateDrop >= 0 && minPassRateDrop < 1)) {
            throw new IllegalArgumentException("minPassRateDrop must lie in [0, 1): " + minPassRateDrop);
        }
        if (minPairs < 2) {
            throw new IllegalArgumentException("minPairs must be at least 2: " + minPairs);
        }
        if (minTasks < 2) {
            throw new IllegalArgumentException("minTasks must be at least 2: " + minTasks);
        }
        if (!(recoveryZ >= 0 && Double.isFinite(recoveryZ))) {
            throw new IllegalArgumentException("recoveryZ must be finite and non-negative: " + recoveryZ);
        }
        if (recoveryChecks < 1) {
            throw new IllegalArgumentException("recoveryChecks must be at least 1: " + recoveryChecks);
        }
        if (!(admissionZ > 0)) {
            throw new IllegalArgumentException("admissionZ must be positive (infinite = none): " + admissionZ);
        }
    }

    /** A policy without an admission rule: every calibrating run without an alarm joins the window. */
    public StreamPolicy(int calibrationRuns, double cusumAllowance, double cusumLimit, double shewhartLimit,
            double minPassRateDrop, int minPairs, int minTasks, double recoveryZ, int recoveryChecks,
            boolean betweenRunVariance) {
        this(calibrationRuns, cusumAllowance, cusumLimit, shewhartLimit, minPassRateDrop, minPairs, minTasks,
                recoveryZ, recoveryChecks, betweenRunVariance, Double.POSITIVE_INFINITY);
    }

    /** Whether a calibrating run with this statistic joins the calibration window: |z| &lt;= admissionZ. */
    public boolean admits(double z) {
        return Math.abs(z) <= admissionZ;
    }

    /** Whether the calibration window has an admission rule (a finite admissionZ). */
    public boolean hasAdmissionRule() {
        return Double.isFinite(admissionZ);
    }

    /** The default admission rule of the calibration window: |z| &lt;= ADMISSION_Z. */
    static final double ADMISSION_Z = 1.5;

    /** The defaults, chosen by simulation (bench/drift/streams.sh): see the package documentation. */
    public static StreamPolicy defaults() {
        return new StreamPolicy(10, 0.5, 3.5, 2.4, 0.05, 30, 10, 1.0, 2, true, ADMISSION_Z);
    }

    /** A copy with another calibration window, CUSUM allowance and limit and single-check limit. */
    public StreamPolicy withLimits(int calibrationRuns, double cusumAllowance, double cusumLimit,
            double shewhartLimit) {
        return new StreamPolicy(calibrationRuns, cusumAllowance, cusumLimit, shewhartLimit, minPassRateDrop, minPairs,
                minTasks, recoveryZ, recoveryChecks, betweenRunVariance, admissionZ);
    }

    /** A copy with another admission rule of the calibration window (infinite = none). */
    public StreamPolicy withAdmissionZ(double z) {
        return new StreamPolicy(calibrationRuns, cusumAllowance, cusumLimit, shewhartLimit, minPassRateDrop, minPairs,
                minTasks, recoveryZ, recoveryChecks, betweenRunVariance, z);
    }

    /** A copy with another minimum drop (the noise floor may raise it for a stream's check). */
    public StreamPolicy withMinPassRateDrop(double drop) {
        return new StreamPolicy(calibrationRuns, cusumAllowance, cusumLimit, shewhartLimit, drop, minPairs,
                minTasks, recoveryZ, recoveryChecks, betweenRunVariance, admissionZ);
    }

    /** A copy with or without the between-run variance term. */
    public StreamPolicy withBetweenRunVariance(boolean enabled) {
        return new StreamPolicy(calibrationRuns, cusumAllowance, cusumLimit, shewhartLimit, minPassRateDrop, minPairs,
                minTasks, recoveryZ, recoveryChecks, enabled, admissionZ);
    }
}
