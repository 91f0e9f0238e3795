package io.evalwatch.suite;

import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.TaskSpec;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A valid task of a suite folder: the file it came from, as written ({@code source}), and resolved ({@code spec}:
 * defaults applied, context and corpus files read, ready to travel in events; its environment reference is null
 * until a run resolves {@code environment}, the task's own declaration or else its suite's).
 * {@code reviewed} is when a person last checked the task (null: never).
 */
public record LoadedTask(Path file, TaskFile source, TaskSpec spec, EnvironmentSpec environment,
        LocalDate reviewed) {
}
