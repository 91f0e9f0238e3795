package io.evalwatch.task.run;

import io.evalwatch.events.AlertEvent;
import io.evalwatch.events.RunCompleted;
import io.evalwatch.outbox.DatabaseOutage;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Learns from eval.alerts which runs reporting-service ended (completed, or incomplete after stalling), so a monitor
 * knows when it may start its next run. Drift alerts share the topic and are of no interest here. A database that
 * cannot be reached is waited out ({@link DatabaseOutage}): dead-lettered, a run's completion would be lost, and its
 * monitor would hold back its next fires until the run counts as stale.
 */
@ApplicationScoped
public class RunCompletions {

    private static final Logger LOG = Logger.getLogger(RunCompletions.class);

    private final RunService runs;
    private final DatabaseOutage outage = new DatabaseOutage();

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
            outage.write("RunCompleted for run " + completed.runId(), () -> {
                if (!runs.complete(completed.runId(), at, completed.incomplete())) {
                    LOG.debugf("RunCompleted for run %s, which this service did not start; ignored", completed.runId());
                }
            });
        }
    }
}
