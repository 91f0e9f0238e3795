package io.evalwatch.reporting.drift.simulation;

/** Placeholder, filled in below. */
final class SecondaryBenchmark {

    private SecondaryBenchmark() {
    }

    static void run(int comparisons, long seed) {
    }
}
