package io.evalwatch.task.monitor;

import io.evalwatch.task.run.Run;

/** A fire by hand refused because the monitor's previous run is still in progress; answered with 409. */
public class MonitorBusyException extends RuntimeException {

    private final String runId;

    public MonitorBusyException(String monitor, Run running) {
        super("monitor '" + monitor + "' still has run " + running.runId + " in progress (started "
                + running.createdAt + "); fire it again once that run completes");
        this.runId = running.runId;
    }

    public String runId() {
        return runId;
    }
}
