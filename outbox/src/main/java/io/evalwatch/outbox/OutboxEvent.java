package io.evalwatch.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One event waiting in (or sent from) the outbox: its topic, its key and its value exactly as Kafka will get them. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /**
     * Identity, not a sequence: the insert happens at persist, so {@link Outbox} can detach the row at once and a run
     * of 20,000 items does not keep 20,000 payloads in the persistence context. The id is also the sending order.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "event_key", nullable = false)
    public String eventKey;

    @Column(nullable = false)
    public byte[] payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /**
     * The oldest unsent rows that are each the oldest unsent row of their topic and key, locked; rows another relay
     * holds are skipped, and so is every later row of their keys, so two relays never reorder one key's events.
     */
    @SuppressWarnings("unchecked")
    static List<OutboxEvent> lockNextToSend(int limit) {
        return getEntityManager().createNativeQuery("select o.* from outbox_event o where o.sent_at is null"
                        + " and not exists (select 1 from outbox_event e where e.sent_at is null and e.topic = o.topic"
                        + " and e.event_key = o.event_key and e.id < o.id)"
                        + " order by o.id limit ?1 for update of o skip locked", OutboxEvent.class)
                .setParameter(1, limit).getResultList();
    }

    static void markSent(List<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            update("sentAt = ?1 where id in ?2", at, ids);
        }
    }

    static long unsent() {
        return count("sentAt is null");
    }

    static long pruneSentBefore(Instant cutoff) {
        return delete("sentAt < ?1", cutoff);
    }
}
