package io.evalwatch.localstack.testing;

import java.time.Duration;

/**
 * How much slower than a normal host the tests' host runs: {@code EVALWATCH_TEST_TIME_SCALE}, default 1. An
 * emulated guest (tools/cgroup-v2-vm, qemu without KVM) is tens of times slower, so the waits and limits a test sets
 * for things to happen (a broker to start, a run's wall time, the durations a run is bounded by) are multiplied by
 * it there. What the tests assert about outcomes and evidence does not change.
 */
public final class TestTimeScale {

    public static final double FACTOR = parse(System.getenv("EVALWATCH_TEST_TIME_SCALE"));

    private TestTimeScale() {
    }

    public static double scaled(double seconds) {
        return seconds * FACTOR;
    }

    public static Duration scaled(Duration duration) {
        return Duration.ofMillis(Math.round(duration.toMillis() * FACTOR));
    }

    private static double parse(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            double factor = Double.parseDouble(value.strip());
            if (factor >= 1) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("EVALWATCH_TEST_TIME_SCALE must be a number of at least 1, was '" + value
                + "'");
    }
}
