package io.evalwatch.task.run;

import io.evalwatch.events.RunStarted;
import io.evalwatch.task.suite.Suite;
import io.evalwatch.task.suite.SuiteArchive;
import io.evalwatch.task.suite.TaskDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.TreeMap;

/**
 * Stores an accepted run and dispatches its items in one transaction: the suite version is admitted, the run row and
 * the run's events (in the outbox) written, or none of it stands. The events leave after the commit.
 */
@ApplicationScoped
public class RunRecorder {

    private final SuiteArchive archive;
    private final RunEvents events;

    public RunRecorder(SuiteArchive archive, RunEvents events) {
        this.archive = archive;
        this.events = events;
    }

    @Transactional
    public Run record(Suite suite, List<TaskDefinition> tasks, RunPlan plan) {
        RunStarted started = plan.started();
        archive.admit(suite, started.runId(), started.occurredAt());

        Run run = new Run();
        run.runId = started.runId();
        run.suite = suite.name();
        run.suiteVersion = suite.version();
        run.models = started.models();
        run.taskIds = tasks.stream().map(TaskDefinition::id).toList();
        run.samples = started.samples();
        run.expectedItems = plan.items().size();
        run.trigger = started.trigger();
        run.monitor = started.monitor();
        run.series = started.series();
        run.streams = started.streams();
        run.taskHashes = new TreeMap<>(started.taskHashes());
        run.createdAt = started.occurredAt();
        run.persist();
        events.publish(plan);
        return run;
    }
}
