package io.evalwatch.task.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * evalwatch_monitor_runs_total, evalwatch_monitor_skipped_total and evalwatch_monitor_last_fire_timestamp_seconds,
 * labelled by monitor: enough to alert when a weekly drift check stops running.
 */
@ApplicationScoped
public class MonitorMetrics {

    static final String RUNS = "evalwatch.monitor.runs";
    static final String SKIPPED = "evalwatch.monitor.skipped";
    static final String LAST_FIRE = "evalwatch.monitor.last.fire.timestamp.seconds";

    private final MeterRegistry registry;
    // strong references: Micrometer holds gauge state weakly
    private final Map<String, AtomicLong> lastFire = new ConcurrentHashMap<>();

    public MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Publishes a scheduled monitor's series from the start, so that rates and staleness can be computed. */
    void register(String monitor, Instant lastFireAt) {
        runs(monitor);
        skipped(monitor);
        if (lastFireAt != null) {
            lastFireGauge(monitor).set(lastFireAt.getEpochSecond());
        }
    }

    void started(String monitor, Instant at) {
        runs(monitor).increment();
        lastFireGauge(monitor).set(at.getEpochSecond());
    }

    void skippedFire(String monitor) {
        skipped(monitor).increment();
    }

    private Counter runs(String monitor) {
        return Counter.builder(RUNS).description("Runs started by a monitor (on schedule, on start, or by hand)")
                .tag("monitor", monitor).register(registry);
    }

    private Counter skipped(String monitor) {
        return Counter.builder(SKIPPED)
                .description("Scheduled fires of a monitor skipped because its previous run was still in progress")
                .tag("monitor", monitor).register(registry);
    }

    private AtomicLong lastFireGauge(String monitor) {
        return lastFire.computeIfAbsent(monitor, m -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(LAST_FIRE, value, AtomicLong::doubleValue)
                    .description("When the monitor last started a run, in seconds since the epoch")
                    .tag("monitor", m).register(registry);
            return value;
        });
    }
}
