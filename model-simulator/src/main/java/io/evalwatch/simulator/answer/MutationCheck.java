package io.evalwatch.simulator.answer;

import io.evalwatch.simulator.task.SimTask;

import java.util.List;

/** Tells which mutated solutions really fail a task's tests, so that only the reference passes. */
@FunctionalInterface
public interface MutationCheck {

    /** For use where the tests cannot be run: every candidate is taken to fail. */
    MutationCheck ASSUME_FAILS = (task, groups) -> groups.stream().mapToInt(g -> g.isEmpty() ? -1 : 0).toArray();

    /**
     * For each group of candidate solutions (in order of preference), the index of the first one that fails the
     * task's tests, or -1 when all of them pass. One call checks many candidates, so a checker can run them together.
     */
    int[] firstFailing(SimTask task, List<List<String>> groups);

    default boolean failsTests(SimTask task, String code) {
        return firstFailing(task, List.of(List.of(code)))[0] == 0;
    }
}
