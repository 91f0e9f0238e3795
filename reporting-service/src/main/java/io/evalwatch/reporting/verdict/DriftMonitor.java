package io.evalwatch.reporting.verdict;

import io.evalwatch.events.AlertEvent;
import io.evalwatch.events.DriftAlert;
import io.evalwatch.events.RunCompleted;
import io.evalwatch.reporting.alert.AlertWebhook;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Runs the drift check when a run completes, then delivers what it raised to the webhook. */
@ApplicationScoped
public class DriftMonitor {

    private static final Logger LOG = Logger.getLogger(DriftMonitor.class);
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

    private final DriftRecorder recorder;
    private final AlertWebhook webhook;

    public DriftMonitor(DriftRecorder recorder, AlertWebhook webhook) {
        this.recorder = recorder;
        this.webhook = webhook;
    }

    @Incoming("completions")
    @Blocking
    public void onAlertEvent(AlertEvent event) throws InterruptedException {
        if (event == null) {
            // a record the deserializer refused: the nack sends it to eval.alerts.dlq, where it is counted
            throw new IllegalArgumentException("record on eval.alerts is not a readable alert event");
        }
        if (event instanceof RunCompleted completed) {
            if (completed.incomplete()) {
                return; // an incomplete run is never judged: it moves no baseline and closes no alert
            }
            if (!awaitCommitted(completed.runId())) {
                LOG.warnf("run %s was announced complete but its completion never became visible; if the ledger"
                        + " rolled back it completes the run again and announces it anew", completed.runId());
                return;
            }
            List<DriftAlert> raised = recorder.analyze(completed.runId());
            raised.forEach(webhook::deliver); // after the analysis committed: a failed delivery loses nothing
        }
    }

    /**
     * RunCompleted is published inside the ledger's transaction (so it is never lost), which means it can arrive
     * here a moment before that transaction commits. Wait, briefly and bounded, until the completion is visible.
     */
    private boolean awaitCommitted(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + COMMIT_WAIT.toNanos();
        while (!recorder.isCompleted(runId)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
