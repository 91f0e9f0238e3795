package io.evalwatch.task.suite;

import java.util.List;
import java.util.Optional;

/**
 * A golden suite at one version. {@code version} is the author's version plus a hash of the suite's files, so an
 * edited suite never passes for the one a baseline was measured on.
 */
public record Suite(String name, String declaredVersion, String version, String description, List<TaskDefinition> tasks) {

    public Optional<TaskDefinition> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
