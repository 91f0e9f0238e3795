package io.evalwatch.task.run;

import java.util.List;

/**
 * What a user asks for: a suite, the models to evaluate, samples per task (for pass@k) and optionally a subset
 * of the suite's tasks.
 */
public record RunRequest(String suite, List<String> models, Integer samples, List<String> tasks, String trigger,
        String monitor) {
}
