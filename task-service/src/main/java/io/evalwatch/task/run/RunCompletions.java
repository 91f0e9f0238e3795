package io.evalwatch.task.run;

import io.evalwatch.events.AlertEvent;
import io.evalwatch.events.RunCompleted;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Learns from eval.alerts which runs reporting-service ended (completed, or incomplete after stalling), so a monitor
 * knows when it may start its next run. Drift alerts share the topic and are of no interest here.
 */
@ApplicationScoped
public class RunCompletions {

    private static final Logger LOG = Logger.getLogger(RunCompletions.class);

    private final RunService runs;

    public RunCompletions(RunService runs) {
        this.runs = runs;
    }

    @Incoming("alerts")
    @Blocking
    public void onAlertEvent(AlertEvent event) {
        if (event == null) {
            // an unreadable record arrives as null (fail-on-deserialization-failure=false); the nack sends it to
            // the dead-letter topic instead of dropping it silently
            throw new IllegalArgumentException("record on eval.alerts is not a readable alert event");
        }
        if (event instanceof RunCompleted completed) {
            Instant at = completed.occurredAt() == null ? Instant.now() : completed.occurredAt();
            if (!runs.complete(completed.runId(), at, completed.incomplete())) {
                LOG.debugf("RunCompleted for run %s, which this service did not start; ignored", completed.runId());
            }
        }
    }
}
