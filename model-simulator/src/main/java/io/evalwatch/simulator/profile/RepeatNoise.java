package io.evalwatch.simulator.profile;

/**
 * How much a version's answers to the same prompt differ between repeats, as a profile's
 * {@code repeat_noise: {score_variance: v}} says: the known truth of the consistency probe.
 *
 * <p>A version with repeat noise answers each task with its usual answer, decided from the version's seed and the
 * task alone (the version's pass probability and mutation weights, once per task), and every request, independently
 * with the flip probability {@code r = (1 - sqrt(1 - v)) / 2}, the other way: a usual reference becomes a syntax
 * error (weighted score -1: code that never loads fails every test), a usual mistake becomes the reference (+1).
 * For a version whose mistakes all score -1 (syntax_error, refusal) an item's weighted score across repeats is then
 * +1 or -1 with variance {@code 4 r (1 - r) = v} exactly, for every executable task; other mistakes score above -1,
 * and the variance is then at most v. {@code score_variance: 0} is a steady model: the same answer every time.
 * A version without repeat noise draws every request afresh from its seed, as before.
 *
 * @param scoreVariance v in [0, 1]: the variance of an item's weighted score between repeats of the same prompt
 */
public record RepeatNoise(double scoreVariance) {

    public RepeatNoise {
        if (!(scoreVariance >= 0 && scoreVariance <= 1)) {
            throw new IllegalArgumentException("score_variance must be within [0, 1] (the variance of a score in "
                    + "[-1, 1] between two answers), got " + scoreVariance);
        }
    }

    /** The chance that one request answers against the task's usual answer. */
    public double flipProbability() {
        return (1 - Math.sqrt(1 - scoreVariance)) / 2;
    }

    /** The variance of the pass/fail indicator between repeats that this gives: r (1 - r), a quarter of v. */
    public double passVariance() {
        return scoreVariance / 4;
    }
}
