package io.evalwatch.task.monitor;

import io.evalwatch.task.config.TaskServiceConfig;
import io.evalwatch.task.model.ModelCatalog;
import io.evalwatch.task.run.Run;
import io.evalwatch.task.suite.SuiteCatalog;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Reads the monitors at start, schedules each valid one with quarkus-scheduler, makes up once for a schedule
 * missed while the service was down, and fires monitors by hand for the API.
 */
@ApplicationScoped
public class MonitorScheduler {

    private static final Logger LOG = Logger.getLogger(MonitorScheduler.class);

    private final Scheduler scheduler;
    private final MonitorFiring firing;
    private final MonitorMetrics metrics;
    private final SuiteCatalog suites;
    private final ModelCatalog models;
    private final TaskServiceConfig config;
    private final ManagedExecutor executor;

    private volatile List<Monitor> monitors = List.of();
    private volatile Map<String, Monitor> byName = Map.of();
    private final Map<String, String> startupCatchUps = new ConcurrentHashMap<>();

    public MonitorScheduler(Scheduler scheduler, MonitorFiring firing, MonitorMetrics metrics, SuiteCatalog suites,
            ModelCatalog models, TaskServiceConfig config, ManagedExecutor executor) {
        this.scheduler = scheduler;
        this.firing = firing;
        this.metrics = metrics;
        this.suites = suites;
        this.models = models;
        this.config = config;
        this.executor = executor;
    }

    void onStart(@Observes StartupEvent event) {
        List<Monitor> loaded = load();
        Map<String, Monitor> named = new LinkedHashMap<>();
        for (Monitor monitor : loaded) {
            named.putIfAbsent(monitor.name(), monitor);
            if (!monitor.valid()) {
                LOG.errorf("monitor '%s' is invalid and not scheduled:\n  - %s", monitor.name(),
                        String.join("\n  - ", monitor.problems()));
            } else if (!monitor.enabled()) {
                LOG.infof("monitor '%s' is disabled (enabled: false); it runs only when fired by hand", monitor.name());
            } else if (schedule(monitor)) {
                startupCatchUps.put(monitor.name(), "pending");
            }
        }
        monitors = loaded;
        byName = Collections.unmodifiableMap(named);
        if (!startupCatchUps.isEmpty()) {
            // off the startup thread: a run waits for Kafka to acknowledge its items, which must not delay startup
            executor.runAsync(this::catchUp);
        }
    }

    /** Every monitor of the file in its order, invalid ones included. */
    public List<Monitor> monitors() {
        return monitors;
    }

    public Optional<Monitor> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public MonitorActivity activity(Monitor monitor) {
        Instant now = Instant.now();
        Trigger trigger = monitor.scheduled() ? scheduler.getScheduledJob(jobId(monitor)) : null;
        Optional<MonitorState> state = firing.state(monitor.name());
        Optional<Run> latest = firing.latestRun(monitor.name());
        return new MonitorActivity(trigger != null, trigger == null ? null : trigger.getNextFireTime(),
                state.map(s -> s.lastFireAt).orElse(null), latest.map(r -> r.runId).orElse(null),
                latest.map(r -> r.progress(now, staleAfter())).orElse(null), startupCatchUps.get(monitor.name()));
    }

    /** Starts the monitor's run now, unless its previous run is still in progress (MonitorBusyException). */
    public Run fireByHand(Monitor monitor) {
        if (!monitor.valid()) {
            throw new InvalidMonitorException(monitor.name(), monitor.problems());
        }
        FireOutcome outcome = firing.fire(monitor, null, Instant.now(), staleAfter());
        if (outcome.kind() == FireOutcome.Kind.BUSY) {
            throw new MonitorBusyException(monitor.name(), outcome.run());
        }
        metrics.started(monitor.name(), outcome.run().createdAt);
        LOG.infof("monitor '%s' started run %s (fired by hand)", monitor.name(), outcome.run().runId);
        return outcome.run();
    }

    private List<Monitor> load() {
        Path file = Path.of(config.monitors().file());
        if (!Files.exists(file)) {
            LOG.infof("no monitors: %s does not exist (set evalwatch.monitors.file to use another file)",
                    file.toAbsolutePath());
            return List.of();
        }
        Set<String> modelNames = null;
        String modelsProblem = null;
        try {
            modelNames = models.names();
        } catch (IllegalStateException e) {
            modelsProblem = e.getMessage();
        }
        try {
            List<Monitor> loaded = new MonitorLoader(suites::find, suites.names(), modelNames, modelsProblem,
                    config.runs().maxSamples()).load(file);
            LOG.infof("%d monitor(s) read from %s, %d valid", loaded.size(), file,
                    loaded.stream().filter(Monitor::valid).count());
            return loaded;
        } catch (IllegalArgumentException e) {
            LOG.errorf("no monitors scheduled: %s", e.getMessage());
            return List.of();
        } catch (RuntimeException e) {
            // e.g. an unreadable suites folder: the service still starts and serves runs
            LOG.errorf(e, "no monitors scheduled: %s could not be checked", file);
            return List.of();
        }
    }

    private boolean schedule(Monitor monitor) {
        try {
            metrics.register(monitor.name(), firing.state(monitor.name()).map(s -> s.lastFireAt).orElse(null));
            Trigger trigger = scheduler.newJob(jobId(monitor))
                    .setCron(monitor.cron())
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> fireOnSchedule(monitor, execution.getScheduledFireTime(), "scheduled"))
                    .schedule();
            Object next = trigger.getNextFireTime() == null ? "never (no future time)" : trigger.getNextFireTime();
            LOG.infof("monitor '%s' scheduled (%s); next run at %s", monitor.name(), monitor.cron(), next);
            return true;
        } catch (RuntimeException e) {
            LOG.errorf(e, "monitor '%s' could not be scheduled", monitor.name());
            return false;
        }
    }

    private void catchUp() {
        ZonedDateTime now = ZonedDateTime.now();
        for (Monitor monitor : byName.values()) {
            if (!startupCatchUps.containsKey(monitor.name())) {
                continue;
            }
            String result;
            try {
                Instant lastHandled = firing.state(monitor.name()).map(MonitorState::lastHandled).orElse(null);
                Optional<Instant> missed = MonitorSchedule.parse(monitor.cron())
                        .missedSlot(lastHandled, monitor.catchUp(), now);
                if (missed.isEmpty()) {
                    result = "none";
                } else {
                    LOG.infof("monitor '%s' missed its schedule at %s (last fire or schedule handled: %s); firing once"
                            + " now", monitor.name(), missed.get(), lastHandled == null ? "never" : lastHandled);
                    result = fireOnSchedule(monitor, missed.get(), "catch-up");
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "monitor '%s': the check for a missed schedule failed", monitor.name());
                result = "failed";
            }
            startupCatchUps.put(monitor.name(), result);
        }
    }

    /** Returns started, skipped, none (the scheduled time was already handled) or failed. */
    private String fireOnSchedule(Monitor monitor, Instant slot, String kind) {
        try {
            FireOutcome outcome = firing.fire(monitor, slot, Instant.now(), staleAfter());
            switch (outcome.kind()) {
                case STARTED -> {
                    metrics.started(monitor.name(), outcome.run().createdAt);
                    LOG.infof("monitor '%s' started run %s (%s fire for %s)", monitor.name(), outcome.run().runId,
                            kind, slot);
                    return "started";
                }
                case BUSY -> {
                    metrics.skippedFire(monitor.name());
                    LOG.warnf("monitor '%s' skipped its %s fire for %s: run %s, started %s, has not completed",
                            monitor.name(), kind, slot, outcome.run().runId, outcome.run().createdAt);
                    return "skipped";
                }
                default -> {
                    LOG.debugf("monitor '%s': the %s fire for %s was already handled", monitor.name(), kind, slot);
                    return "none";
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "monitor '%s' could not start its %s run for %s", monitor.name(), kind, slot);
            return "failed";
        }
    }

    private Duration staleAfter() {
        return config.monitors().staleAfter();
    }

    private static String jobId(Monitor monitor) {
        return "monitor-" + monitor.name();
    }
}
