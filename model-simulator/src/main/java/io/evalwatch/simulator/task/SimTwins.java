package io.evalwatch.simulator.task;

import io.evalwatch.suite.twin.Twins;
import java.util.Map;
import java.util.Optional;

/**
 * The contamination twin of a known task, as the simulator recognises and answers it: the twin that task-service
 * dispatches in the twin variant (suite-format's {@link Twins}, the same deterministic rules), with the twin's
 * prompt to match, its reference as the correct answer and its tests to check mistakes against. The task's
 * hand-written wrong answers name the original's functions, so a twin's mistakes are the generic ones.
 */
public final class SimTwins {

    private SimTwins() {
    }

    /** The task's twin, or empty when it has none (no spec: registered alone; or not a Python function task). */
    public static Optional<SimTask> of(SimTask task) {
        if (task.spec() == null) {
            return Optional.empty();
        }
        return Twins.of(task.spec()).map(twin -> new SimTask(twin.spec().id(), twin.spec().prompt(),
                twin.spec().entryPoint(), twin.spec().language(), twin.spec().reference(), Map.of(),
                twin.spec().tests().stream().map(t -> new SimTask.TaskTest(t.name(), t.code())).toList(),
                task.suite(), twin.spec()));
    }
}
