package io.evalwatch.cli.importer;

/**
 * A task's time limit from its reference's measured runtime, as EvalPlus derives it
 * ({@code max(min_time_limit, gt_time_limit_factor × reference time)}, evalplus/eval/__init__.py, with
 * DEFAULT_MIN_TIME_LIMIT and DEFAULT_GT_TIME_LIMIT_FACTOR from evalplus/config.py, both 4). EvalPlus limits each
 * input; the sandbox limits one execution of all of a task's tests, so the measured time is the whole execution's.
 * Rounded up to whole seconds and kept within the sandbox's default ceiling, which would clamp it anyway.
 */
public record TimeLimit(double floorSeconds, double factor, double ceilingSeconds) {

    public static final TimeLimit EVALPLUS = new TimeLimit(4, 4, 120);

    public double of(double measuredSeconds) {
        return Math.min(ceilingSeconds, Math.ceil(Math.max(floorSeconds, factor * measuredSeconds)));
    }

    /** The longest reference runtime this limit can hold with the full factor of headroom. */
    public double longestMeasurable() {
        return ceilingSeconds / factor;
    }
}
