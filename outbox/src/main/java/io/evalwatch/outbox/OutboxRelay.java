package io.evalwatch.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Sends the outbox's rows to Kafka after their transactions commit, in order, and marks each one sent once the
 * broker acknowledged it (acks=all, idempotent producer). Woken by every commit that wrote to the outbox, and polling
 * besides. A crash between a send and its mark sends the row again: delivery is at least once, and every consumer of
 * these topics is idempotent by item or run id. Safe with several instances on one database: rows are locked with
 * {@code FOR UPDATE SKIP LOCKED} and a key's later rows wait for its earlier ones (see {@link OutboxEvent}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final OutboxConfig config;
    private final MeterRegistry registry;
    private final Map<String, Object> kafka;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private final Counter failures;
    private final Counter sent;
    private volatile KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;
    private volatile boolean running;
    private Thread loop;
    private volatile Instant lastPrune = Instant.EPOCH;

    public OutboxRelay(OutboxConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        this.registry = registry;
        Gauge.builder("evalwatch_outbox_pending", pending, AtomicLong::get)
                .description("outbox rows not yet sent to Kafka").register(registry);
        this.failures = Counter.builder("evalwatch_outbox_relay_failures_total")
                .description("outbox rows whose send failed (each is retried)").register(registry);
        this.sent = Counter.builder("evalwatch_outbox_sent_total")
                .description("outbox rows sent to Kafka and acknowledged").register(registry);
    }

    void start(@Observes StartupEvent start) {
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled (evalwatch.outbox.relay-enabled=false): rows wait for another instance");
            return;
        }
        running = true;
        loop = new Thread(this::run, "outbox-relay");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        running = false;
        wake();
        if (loop != null) {
            loop.join(config.sendTimeout().toMillis());
        }
        if (producer != null) {
            producerMetrics.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Asks the relay to look now (after a commit that wrote to the outbox). */
    public void wake() {
        wakeups.release();
    }

    private void run() {
        while (running) {
            try {
                relayPending();
            } catch (RuntimeException e) {
                // the database is away, for instance: the rows are still there, the next round tries again
                LOG.warnf(e, "outbox relay round failed; retrying in %s", config.pollInterval());
            }
            try {
                wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Sends what is unsent, batch after batch, until a batch sends nothing (none left, or every send failed: retried
     * next round), then prunes old sent rows and updates the pending gauge. Returns the number of rows sent.
     */
    public int relayPending() {
        int total = 0;
        while (true) {
            Batch batch = relayBatch();
            total += batch.sent;
            // a key's next row becomes sendable once its previous one is marked, so go on while rows move; a batch
            // that moved nothing (all failed) waits for the next round
            if (batch.selected == 0 || batch.sent == 0) {
                break;
            }
        }
        pruneIfDue();
        pending.set(QuarkusTransaction.requiringNew().call(OutboxEvent::unsent));
        return total;
    }

    private record Batch(int selected, int sent) {
    }

    private Batch relayBatch() {
        Duration timeout = config.sendTimeout().plusSeconds(30);
        return QuarkusTransaction.requiringNew().timeout((int) timeout.toSeconds()).call(() -> {
            List<OutboxEvent> rows = OutboxEvent.lockNextToSend(config.batchSize());
            if (rows.isEmpty()) {
                return new Batch(0, 0);
            }
            KafkaProducer<String, byte[]> out = producer();
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            for (OutboxEvent row : rows) {
                try {
                    acks.add(out.send(new ProducerRecord<>(row.topic, row.eventKey, row.payload)));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // no broker metadata in time: the rest of the batch would wait as long, so it waits for the next
                    // round instead
                    failures.increment();
                    LOG.warnf("outbox row %d (%s, key %s) could not be sent, retried next round: %s", row.id,
                            row.topic, row.eventKey, e.toString());
                    break;
                } catch (RuntimeException e) {
                    acks.add(CompletableFuture.failedFuture(e));
                }
            }
            // each key has one row in the batch, so marking only the acknowledged ones never reorders a key
            List<Long> acknowledged = new ArrayList<>(rows.size());
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            for (int i = 0; i < acks.size(); i++) {
                OutboxEvent row = rows.get(i);
                try {
                    acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acknowledged.add(row.id);
                } catch (ExecutionException | TimeoutException e) {
                    failures.increment();
                    LOG.warnf("outbox row %d (%s, key %s) not acknowledged, retried next round: %s", row.id,
                            row.topic, row.eventKey, e instanceof ExecutionException ? e.getCause() : e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("outbox relay interrupted", e);
                }
            }
            OutboxEvent.markSent(acknowledged, Instant.now());
            sent.increment(acknowledged.size());
            return new Batch(rows.size(), acknowledged.size());
        });
    }

    private void pruneIfDue() {
        Instant now = Instant.now();
        if (now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
            return;
        }
        lastPrune = now;
        prune(now.minus(config.retention()));
    }

    /** Deletes rows sent before the cutoff; returns how many. */
    public long prune(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.pruneSentBefore(cutoff));
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    KafkaProducer<String, byte[]> created = new KafkaProducer<>(producerConfig(),
                            new StringSerializer(), new ByteArraySerializer());
                    // kafka_producer_* per topic, as the channels' producers publish them (the pipeline dashboard)
                    producerMetrics = new KafkaClientMetrics(created);
                    producerMetrics.bindTo(registry);
                    producer = created;
                }
            }
        }
        return producer;
    }

    /** The service's kafka.* settings (bootstrap servers, size limit, security), with the delivery guarantees. */
    private Map<String, Object> producerConfig() {
        Map<String, Object> p = new HashMap<>(kafka);
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.sendTimeout().toMillis());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "evalwatch-outbox-relay");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeout);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, timeout - 5));
        return p;
    }
}
