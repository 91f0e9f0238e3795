package io.evalwatch.task.run;

import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.Topics;
import io.evalwatch.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A run's events: its announcement on eval.runs (keyed by run id) and one TaskDispatched per item on eval.tasks (keyed
 * by item id), written to the outbox in the transaction that stores the run. They leave once it commits, so no item
 * is dispatched for a run that was not stored, and none is lost for a run that was.
 */
@ApplicationScoped
public class RunEvents {

    private final Outbox outbox;

    public RunEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void publish(RunPlan plan) {
        outbox.publish(Topics.RUNS, plan.started().runId(), plan.started());
        for (TaskDispatched item : plan.items()) {
            outbox.publish(Topics.TASKS, item.itemId(), item);
        }
    }
}
