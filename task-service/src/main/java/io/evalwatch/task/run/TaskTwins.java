package io.evalwatch.task.run;

import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.suite.twin.Twins;
import io.evalwatch.task.suite.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the twin variant dispatches for a task: its contamination twin (suite-format's {@link Twins}: renamed
 * functions and parameters in the prompt, tests and reference, reworded prose, reordered examples) under the
 * original task's id, so its items pair with base by (task, sample). Empty for a task without a twin. Twins are
 * deterministic, so each is made once per task content hash and kept (the last {@link #KEPT} of them).
 */
public final class TaskTwins {

    static final int KEPT = 4096;

    // the twin without an environment: what an environment resolved to is the run's, set on every dispatch
    private static final Map<String, Optional<TaskSpec>> BY_CONTENT = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<TaskSpec>> eldest) {
            return size() > KEPT;
        }
    };

    private TaskTwins() {
    }

    /** Whether the task has a twin (the twin variant dispatches it). */
    public static boolean has(TaskDefinition task) {
        return twin(task).isPresent();
    }

    /** The task's twin as it travels in events, with the original's id and the run's environment. */
    public static Optional<TaskSpec> of(TaskDefinition task, EnvironmentRef environment) {
        return twin(task).map(t -> new TaskSpec(task.id(), t.category(), t.kind(), t.language(), t.prompt(),
                t.entryPoint(), t.tests(), t.timeoutSeconds(), t.tags(), environment, t.memoryMb(), t.reference(),
                t.files(), t.hole(), t.findings(), t.gold(), t.complexity()));
    }

    private static Optional<TaskSpec> twin(TaskDefinition task) {
        String key = task.id() + '\u0000' + task.contentHash();
        synchronized (BY_CONTENT) {
            Optional<TaskSpec> known = BY_CONTENT.get(key);
            if (known != null) {
                return known;
            }
        }
        Optional<TaskSpec> made = Twins.of(task.toSpec(null)).map(twin -> twin.spec());
        synchronized (BY_CONTENT) {
            BY_CONTENT.put(key, made);
        }
        return made;
    }
}
