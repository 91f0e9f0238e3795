package io.evalwatch.outbox;

import io.evalwatch.events.serde.EventSerializer;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Where a service puts an event that must follow its database change: the event is written in the caller's
 * transaction, so it exists if and only if the change committed, and {@link OutboxRelay} sends it after the commit.
 * Nothing is sent inside a transaction, and no consumer can see an event before the change it announces.
 */
@ApplicationScoped
public class Outbox {

    /** What Kafka adds to a record beyond key and value, kept free under the producer's size limit. */
    private static final int RECORD_OVERHEAD = 1024;
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1048576;

    private final EventSerializer serializer = new EventSerializer();
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final int maxRequestSize;

    public Outbox(TransactionSynchronizationRegistry transactions, OutboxRelay relay,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.transactions = transactions;
        this.relay = relay;
        Object configured = kafka.get("max.request.size");
        this.maxRequestSize = configured == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(configured.toString());
    }

    /**
     * Writes the event for {@code topic} under {@code key}, serialized as the services' Kafka channels serialize events
     * (so consumers get the same bytes). Must run inside the transaction of the change the event follows.
     *
     * @throws IllegalArgumentException when the event is larger than the producer may send: refused here, in the
     *         caller's transaction, rather than stuck in the outbox
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, Object event) {
        byte[] payload = serializer.serialize(topic, event);
        int size = payload.length + key.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxRequestSize - RECORD_OVERHEAD) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " " + key + " for " + topic
                    + " is " + size + " bytes, more than Kafka accepts from this service (kafka.max.request.size "
                    + maxRequestSize + " bytes, less " + RECORD_OVERHEAD + " for the record's framing)");
        }
        OutboxEvent row = new OutboxEvent();
        row.topic = topic;
        row.eventKey = key;
        row.payload = payload;
        row.createdAt = Instant.now();
        row.persist();
        // inserted already (identity id): detached, it costs the caller's persistence context nothing
        OutboxEvent.getEntityManager().detach(row);
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(Outbox.class) != null) {
            return; // one wake-up per transaction, however many events it writes
        }
        transactions.putResource(Outbox.class, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
