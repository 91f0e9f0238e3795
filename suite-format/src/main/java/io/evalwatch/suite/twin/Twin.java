package io.evalwatch.suite.twin;

import io.evalwatch.events.TaskSpec;
import java.util.Map;

/**
 * A task's contamination twin: {@code spec} means what the original means and looks different (its id is the
 * original's with {@link Twins#SUFFIX}); {@code renames} maps each old name to its new one, functions first.
 */
public record Twin(String originalId, TaskSpec spec, Map<String, String> renames) {

    public Twin {
        renames = Map.copyOf(renames);
    }
}
