package io.evalwatch.task.monitor;

import java.util.List;

/** A fire by hand of a monitor that monitors.yaml defines with problems; answered with 422. */
public class InvalidMonitorException extends RuntimeException {

    public InvalidMonitorException(String monitor, List<String> problems) {
        super("monitor '" + monitor + "' is invalid and cannot run:\n  - " + String.join("\n  - ", problems));
    }
}
