package io.evalwatch.reporting.verdict;

import io.evalwatch.events.AlertEvent;
import io.evalwatch.events.DriftAlert;
import io.evalwatch.events.RunCompleted;
import io.evalwatch.reporting.alert.AlertWebhook;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Runs the drift check when a run completes, then delivers what it raised to the webhook. RunCompleted leaves the
 * ledger through the outbox, after the completion committed, so the completed run is always there to judge.
 */
@ApplicationScoped
public class DriftMonitor {

    private final DriftRecorder recorder;
    private final AlertWebhook webhook;

    public DriftMonitor(DriftRecorder recorder, AlertWebhook webhook) {
        this.recorder = recorder;
        this.webhook = webhook;
    }

    @Incoming("completions")
    @Blocking
    public void onAlertEvent(AlertEvent event) {
        if (event == null) {
            // a record the deserializer refused: the nack sends it to eval.alerts.dlq, where it is counted
            throw new IllegalArgumentException("record on eval.alerts is not a readable alert event");
        }
        if (event instanceof RunCompleted completed) {
            if (completed.incomplete()) {
                return; // an incomplete run is never judged: it moves no baseline and closes no alert
            }
            List<DriftAlert> raised = recorder.analyze(completed.runId());
            raised.forEach(webhook::deliver); // after the analysis committed: a failed delivery loses nothing
        }
    }
}
