package io.evalwatch.task.monitor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;

/** What a monitor last did, kept across restarts so that a start can tell a schedule was missed. */
@Entity
@Table(name = "monitor_state")
public class MonitorState extends PanacheEntityBase {

    @Id
    public String monitor;

    /** When the monitor last started a run (on schedule, on start, or by hand). */
    @Column(name = "last_fire_at")
    public Instant lastFireAt;

    @Column(name = "last_run_id")
    public String lastRunId;

    /** The scheduled time the monitor last handled, by firing or by skipping it; null for hand-fired runs only. */
    @Column(name = "last_slot_at")
    public Instant lastSlotAt;

    /**
     * The monitor's row, created if needed and locked until the transaction ends: fires of one monitor (scheduled,
     * by hand, or from another instance of this service) are decided one at a time.
     */
    static MonitorState lock(String monitor) {
        getEntityManager().createNativeQuery("insert into monitor_state (monitor) values (?1) on conflict do nothing")
                .setParameter(1, monitor).executeUpdate();
        return findById(monitor, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The later of the last fire and the last handled scheduled time: what a missed schedule is compared with. */
    Instant lastHandled() {
        if (lastFireAt == null || (lastSlotAt != null && lastSlotAt.isAfter(lastFireAt))) {
            return lastSlotAt;
        }
        return lastFireAt;
    }
}
