package io.evalwatch.reporting.baseline;

import io.evalwatch.events.AlertEvent;
import io.evalwatch.events.DriftAlert;
import io.evalwatch.events.RunCompleted;
import io.evalwatch.reporting.alert.AlertWebhook;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Runs the drift check when a run completes, then delivers what it raised to the webhook. */
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
        if (event instanceof RunCompleted completed) {
            List<DriftAlert> raised = recorder.analyze(completed.runId());
            raised.forEach(webhook::deliver); // after the analysis committed: a failed delivery loses nothing
        }
    }
}
