package io.evalwatch.task.monitor;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A monitor's cron, read the way quarkus-scheduler reads it (cron-utils, Quartz syntax: seconds first, "?" in one
 * of the day fields), and the decision whether a start must make up for a schedule missed while the service was
 * down.
 */
public final class MonitorSchedule {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String expression;
    private final ExecutionTime times;

    private MonitorSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.times = ExecutionTime.forCron(cron);
    }

    /** Throws IllegalArgumentException saying what is wrong with the expression. */
    public static MonitorSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required");
        }
        try {
            return new MonitorSchedule(expression, PARSER.parse(expression.trim()).validate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a Quartz cron expression (seconds minutes"
                    + " hours day-of-month month day-of-week [year], e.g. \"" + Monitor.DEFAULT_CRON + "\"): "
                    + e.getMessage(), e);
        }
    }

    public String expression() {
        return expression;
    }

    /** The latest scheduled time strictly before {@code now}, if the cron ever fired before it. */
    public Optional<ZonedDateTime> previous(ZonedDateTime now) {
        return times.lastExecution(now);
    }

    public Optional<ZonedDateTime> next(ZonedDateTime now) {
        return times.nextExecution(now);
    }

    /**
     * The scheduled time a start must make up for, or empty. A monitor that has handled a schedule before (fired
     * or skipped it: {@code lastHandled}) makes up for the latest scheduled time after that, once, however many
     * were missed. A monitor that has never fired makes up for its latest scheduled time only when
     * {@code catchUpFirst} (catch_up in monitors.yaml) says so.
     */
    public Optional<Instant> missedSlot(Instant lastHandled, boolean catchUpFirst, ZonedDateTime now) {
        Optional<Instant> previous = previous(now).map(ZonedDateTime::toInstant);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        if (lastHandled == null) {
            return catchUpFirst ? previous : Optional.empty();
        }
        return previous.filter(slot -> slot.isAfter(lastHandled));
    }
}
