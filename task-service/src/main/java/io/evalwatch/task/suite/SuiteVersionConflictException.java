package io.evalwatch.task.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * The suite on disk declares a version that already ran with other content. A version names one set of tasks for
 * good, so the edited suite must declare a new version before it runs.
 */
public class SuiteVersionConflictException extends RuntimeException {

    private final SuiteChanges changes;

    public SuiteVersionConflictException(SuiteChanges changes) {
        super(message(changes));
        this.changes = changes;
    }

    public SuiteChanges changes() {
        return changes;
    }

    private static String message(SuiteChanges c) {
        List<String> what = new ArrayList<>();
        if (!c.changed().isEmpty()) {
            what.add("changed: " + String.join(", ", c.changed()));
        }
        if (!c.added().isEmpty()) {
            what.add("added: " + String.join(", ", c.added()));
        }
        if (!c.retired().isEmpty()) {
            what.add("removed: " + String.join(", ", c.retired()));
        }
        return "suite '" + c.suite() + "' version " + c.from() + " already ran with other content (" + String.join("; ",
                what) + "); a version never changes: bump 'version' in suites/" + c.suite()
                + "/suite.yaml to run the edited tasks";
    }
}
