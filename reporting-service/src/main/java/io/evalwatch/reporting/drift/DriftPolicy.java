package io.evalwatch.reporting.drift;

import java.util.Locale;
import java.util.Set;

/**
 * When a difference between a run and its baseline becomes an alert: significance levels, minimum effects per
 * metric, the categories held to a stricter standard, and the resampling budget and seed.
 *
 * @param alpha significance level of the primary test and false discovery rate of the secondary comparisons
 * @param minPassRateDrop smallest pass-rate (and composite) drop worth an alert, absolute, e.g. 0.05 = 5 points
 * @param minWeightedAccuracyDrop smallest weighted-accuracy drop worth an alert, on its [-1, 1] scale
 * @param strictCategories case-insensitive fragments: a category whose name contains one is security-sensitive
 * @param strictAlpha significance level for strict categories (higher = more sensitive)
 * @param strictMinDrop smallest pass-rate drop worth an alert in a strict category (twice that for weighted accuracy)
 * @param latencyP95Ratio candidate/baseline p95 ratio from which a significant slow-down alerts
 * @param costChangeRatio relative change of the mean cost per item from which a significant change alerts
 * @param formatRateChange absolute change of a code format's share from which a significant change alerts
 * @param bootstrapIterations resamples for bootstrap intervals and randomization tests
 * @param seed seed of all resampling, so an analysis is reproducible
 * @param outputLengthChange relative change of the median output length from which a significant shift counts as a
 *     changed output distribution
 * @param ttftMedianShiftSeconds shift of the median vendor-attributable time to first token (seconds) from which a
 *     significant slow-down alerts even when the p95 ratio stays under {@code latencyP95Ratio}
 */
public record DriftPolicy(double alpha, double minPassRateDrop, double minWeightedAccuracyDrop,
        Set<String> strictCategories, double strictAlpha, double strictMinDrop, double latencyP95Ratio,
        double costChangeRatio, double formatRateChange, int bootstrapIterations, long seed,
        double outputLengthChange, double ttftMedianShiftSeconds) {

    public static final double DEFAULT_OUTPUT_LENGTH_CHANGE = 0.2;
    public static final double DEFAULT_TTFT_MEDIAN_SHIFT_SECONDS = 0.1;

    /** A scope with fewer pairs than this is not tested: verdict too_few, no interval. */
    public static final int MIN_PAIRS = 10;

    /** A scope with fewer tasks than this is not tested: tasks are the unit of resampling and of the intervals. */
    public static final int MIN_TASKS = 3;

    public DriftPolicy {
        requireLevel("alpha", alpha);
        requireLevel("strictAlpha", strictAlpha);
        requireNonNegative("minPassRateDrop", minPassRateDrop);
        requireNonNegative("minWeightedAccuracyDrop", minWeightedAccuracyDrop);
        requireNonNegative("strictMinDrop", strictMinDrop);
        requireNonNegative("costChangeRatio", costChangeRatio);
        requireNonNegative("formatRateChange", formatRateChange);
        requireNonNegative("outputLengthChange", outputLengthChange);
        requireNonNegative("ttftMedianShiftSeconds", ttftMedianShiftSeconds);
        if (!(latencyP95Ratio >= 1)) {
            throw new IllegalArgumentException("latencyP95Ratio must be at least 1: " + latencyP95Ratio);
        }
        if (bootstrapIterations < 100) {
            throw new IllegalArgumentException("bootstrapIterations must be at least 100: " + bootstrapIterations);
        }
        strictCategories = strictCategories == null ? Set.of() : Set.copyOf(strictCategories);
    }

    /** A policy with the default time-to-first-token median shift. */
    public DriftPolicy(double alpha, double minPassRateDrop, double minWeightedAccuracyDrop,
            Set<String> strictCategories, double strictAlpha, double strictMinDrop, double latencyP95Ratio,
            double costChangeRatio, double formatRateChange, int bootstrapIterations, long seed,
            double outputLengthChange) {
        this(alpha, minPassRateDrop, minWeightedAccuracyDrop, strictCategories, strictAlpha, strictMinDrop,
                latencyP95Ratio, costChangeRatio, formatRateChange, bootstrapIterations, seed, outputLengthChange,
                DEFAULT_TTFT_MEDIAN_SHIFT_SECONDS);
    }

    /** A policy with the default output-length threshold. */
    public DriftPolicy(double alpha, double minPassRateDrop, double minWeightedAccuracyDrop,
            Set<String> strictCategories, double strictAlpha, double strictMinDrop, double latencyP95Ratio,
            double costChangeRatio, double formatRateChange, int bootstrapIterations, long seed) {
        this(alpha, minPassRateDrop, minWeightedAccuracyDrop, strictCategories, strictAlpha, strictMinDrop,
                latencyP95Ratio, costChangeRatio, formatRateChange, bootstrapIterations, seed,
                DEFAULT_OUTPUT_LENGTH_CHANGE);
    }

    /** The defaults: see package documentation for why these values. */
    public static DriftPolicy defaults() {
        return new DriftPolicy(0.05, 0.05, 0.1, Set.of("security"), 0.10, 0.02, 1.5, 0.2, 0.2, 2000, 42L,
                DEFAULT_OUTPUT_LENGTH_CHANGE, DEFAULT_TTFT_MEDIAN_SHIFT_SECONDS);
    }

    /** Whether a category is held to the strict standard. */
    public boolean isStrict(String category) {
        if (category == null) {
            return false;
        }
        String name = category.toLowerCase(Locale.ROOT);
        return strictCategories.stream().anyMatch(s -> !s.isBlank() && name.contains(s.toLowerCase(Locale.ROOT)));
    }

    private static void requireLevel(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must lie in (0, 1): " + value);
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be non-negative: " + value);
        }
    }
}
