package io.evalwatch.task.monitor;

import io.evalwatch.task.run.Run;
import io.evalwatch.task.run.RunRequest;
import io.evalwatch.task.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides and carries out one fire of a monitor in one transaction, under the lock of the monitor's state row:
 * a monitor never has two runs in progress, even when a scheduled fire, a fire by hand and another instance of
 * task-service meet.
 */
@ApplicationScoped
@Transactional
public class MonitorFiring {

    private final RunService runs;

    public MonitorFiring(RunService runs) {
        this.runs = runs;
    }

    /**
     * @param slot the scheduled time this fire is for; null for a fire by hand, which has none
     */
    public FireOutcome fire(Monitor monitor, Instant slot, Instant now, Duration staleAfter) {
        MonitorState state = MonitorState.lock(monitor.name());
        if (slot != null && state.lastSlotAt != null && !slot.isAfter(state.lastSlotAt)) {
            return FireOutcome.alreadyHandled();
        }
        Optional<Run> running = Run.latestOfMonitor(monitor.name()).filter(r -> r.blocksMonitor(now, staleAfter));
        if (slot != null) {
            state.lastSlotAt = slot;
        }
        if (running.isPresent()) {
            return FireOutcome.busy(running.get());
        }
        Run run = runs.startForMonitor(new RunRequest(monitor.suite(), monitor.models(), monitor.samples(),
                monitor.tasks(), null, null, monitor.variants()), monitor.name());
        state.lastFireAt = run.createdAt;
        state.lastRunId = run.runId;
        return FireOutcome.started(run);
    }

    // reads run in a transaction of their own: they are also called from the scheduler's and the startup threads,
    // where no request context would give Hibernate a session
    public Optional<MonitorState> state(String monitor) {
        return MonitorState.findByIdOptional(monitor);
    }

    public Optional<Run> latestRun(String monitor) {
        return Run.latestOfMonitor(monitor);
    }
}
