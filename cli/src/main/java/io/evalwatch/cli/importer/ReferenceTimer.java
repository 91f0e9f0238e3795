package io.evalwatch.cli.importer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every task's reference against its own tests through the sandbox, a few at a time, and sets each task's
 * time limit from the runtime measured ({@link TimeLimit}). A reference that does not pass its own tests makes the
 * import fail: a task whose reference fails measures nothing about a model.
 */
public final class ReferenceTimer {

    private final ReferenceRunner runner;
    private final TimeLimit limit;
    private final int parallelism;
    private final PrintStream progress;

    public ReferenceTimer(ReferenceRunner runner, TimeLimit limit, int parallelism, PrintStream progress) {
        this.runner = runner;
        this.limit = limit;
        this.parallelism = Math.max(1, parallelism);
        this.progress = progress;
    }

    /** The tasks with measured time limits, in the same order. */
    public List<ImportedTask> measure(List<ImportedTask> tasks) throws ImportException {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<ReferenceRunner.Outcome>> futures = new ArrayList<>();
            for (ImportedTask task : tasks) {
                futures.add(pool.submit(() -> {
                    ReferenceRunner.Outcome outcome = runner.run(task, limit.ceilingSeconds());
                    int n = done.incrementAndGet();
                    if (progress != null && (n % 100 == 0 || n == tasks.size())) {
                        progress.printf("  measured %d of %d references%n", n, tasks.size());
                    }
                    return outcome;
                }));
            }
            List<ImportedTask> measured = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            List<String> slow = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                ImportedTask task = tasks.get(i);
                ReferenceRunner.Outcome outcome = get(futures.get(i), task);
                if (!outcome.passed()) {
                    failures.add(task.id() + " (" + task.datasetId() + "): "
                            + outcome.failure());
                } else if (outcome.seconds() > limit.longestMeasurable()) {
                    slow.add(task.id() + " (" + String.format("%.1f s", outcome.seconds()) + ")");
                }
                measured.add(task.withTimeout(limit.of(outcome.seconds())));
            }
            if (!failures.isEmpty()) {
                throw new ImportException(failures.size() + " of " + tasks.size() + " reference solutions do not"
                        + " pass their own tests in the sandbox, so nothing was written:\n  "
                        + String.join("\n  ", failures.subList(0, Math.min(20, failures.size())))
                        + (failures.size() > 20 ? "\n  ... and " + (failures.size() - 20) + " more" : "")
                        + "\nFix or remove those records (or import with --no-measure to keep them unchecked).");
            }
            if (progress != null) {
                long atFloor = measured.stream().filter(t -> t.timeoutSeconds() <= limit.floorSeconds()).count();
                ImportedTask longest = measured.stream()
                        .max(java.util.Comparator.comparingDouble(ImportedTask::timeoutSeconds)).orElseThrow();
                progress.printf("  time limits: %d of %d at the %.0f s floor, the longest %.0f s (%s)%n", atFloor,
                        measured.size(), limit.floorSeconds(), longest.timeoutSeconds(), longest.id());
            }
            if (!slow.isEmpty() && progress != null) {
                progress.println("  note: these references take longer than " + limit.longestMeasurable()
                        + " s, so their limit is the ceiling of " + limit.ceilingSeconds() + " s: " + slow);
            }
            return measured;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ReferenceRunner.Outcome get(Future<ReferenceRunner.Outcome> future, ImportedTask task)
            throws ImportException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImportException cause) {
                throw cause;
            }
            throw new ImportException("measuring " + task.id() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("interrupted while measuring " + task.id(), e);
        }
    }
}
