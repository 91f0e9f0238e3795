package io.evalwatch.task.suite;

import io.evalwatch.events.EnvironmentSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A golden suite as it is on disk. {@code version} is the version its suite.yaml declares; a version's content is
 * fixed by its first run (see SuiteArchive), so a version names one set of tasks for good. {@code environment} is
 * what suite.yaml declares under {@code environment:} (null: the plain sandbox); each task carries its effective one.
 * {@code judgeModel} is the catalogue name of the LLM judge suite.yaml asks for under {@code judge: {model: ...}}
 * (null: no judge); it grades answers beside the tests, never instead of them.
 */
public record Suite(String name, String version, String description, List<TaskDefinition> tasks,
        EnvironmentSpec environment, String judgeModel) {

    public Suite(String name, String version, String description, List<TaskDefinition> tasks) {
        this(name, version, description, tasks, null, null);
    }

    public Suite(String name, String version, String description, List<TaskDefinition> tasks,
            EnvironmentSpec environment) {
        this(name, version, description, tasks, environment, null);
    }

    public Optional<TaskDefinition> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Content hash of every task, by task id in suite order. */
    public Map<String, String> taskHashes() {
        Map<String, String> hashes = new LinkedHashMap<>();
        tasks.forEach(t -> hashes.put(t.id(), t.contentHash()));
        return hashes;
    }
}
