package io.evalwatch.cli.importer;

/** Runs a task's reference against its tests in the sandbox. */
public interface ReferenceRunner {

    /** What one run found: whether every test passed, the run's duration, and why it did not pass. */
    record Outcome(boolean passed, double seconds, String failure) {
    }

    /** Throws ImportException when the sandbox cannot be reached or refuses the run (not when a test fails). */
    Outcome run(ImportedTask task, double wallSeconds) throws ImportException;
}
