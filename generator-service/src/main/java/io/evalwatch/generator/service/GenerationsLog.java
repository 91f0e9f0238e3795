package io.evalwatch.generator.service;

import io.evalwatch.events.Topics;
import io.evalwatch.generator.config.GeneratorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What every generator instance has already generated, read back from eval.generations itself: the generator's
 * "already done" knowledge survives a restart and is shared by every instance of the consumer group, so a task
 * redelivered after a crash or a rebalance is not sent to the vendor (and billed) twice.
 *
 * <p>At start it reads the topic's records of the last {@code evalwatch.generator.dedup.lookback} up to the end
 * offsets of that moment; {@link #awaitCaughtUp()} holds the first items until then. After that it follows the topic,
 * so a generation published by another instance is known here within a poll. Only record keys are read (every
 * generation is keyed by its item id), so a record of any shape is harmless. The memory is {@link RecentItems},
 * bounded: what falls out of it is left to downstream idempotence, as before.
 */
@ApplicationScoped
public class GenerationsLog {

    private static final Logger LOG = Logger.getLogger(GenerationsLog.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often the topic's partitions are looked up again (a topic made after start, partitions added). */
    private static final Duration REASSIGN_EVERY = Duration.ofSeconds(10);

    @Inject
    RecentItems recent;

    @Inject
    GeneratorConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean stopping;
    private Thread follower;

    void start(@Observes StartupEvent startup) {
        follower = new Thread(this::follow, "generations-log");
        follower.setDaemon(true);
        follower.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /**
     * Waits until the start-up read reached the end offsets it saw, at most the configured catch-up timeout; after
     * that items go on (a redelivery then costs a second vendor call, never a lost item).
     */
    public void awaitCaughtUp() throws InterruptedException {
        if (caughtUp.getCount() == 0) {
            return;
        }
        Duration timeout = config.dedup().catchUpTimeout();
        if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warnf("eval.generations was not read back within %s; generating without the earlier instances'"
                    + " knowledge of finished items", timeout);
            caughtUp.countDown();
        }
    }

    /** Whether the start-up read is done (for health and tests). */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void follow() {
        while (!stopping) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties())) {
                consumer = c;
                followWith(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.warnf("reading eval.generations back failed (%s); trying again in 5 s", e.toString());
                sleep(Duration.ofSeconds(5));
            }
        }
    }

    private void followWith(KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, Long> startEnds = Map.of();
        Instant nextAssign = Instant.EPOCH;
        long known = 0;
        Instant started = Instant.now();
        while (!stopping) {
            if (Instant.now().isAfter(nextAssign)) {
                Map<TopicPartition, Long> ends = assignNew(c);
                if (caughtUp.getCount() > 0 && startEnds.isEmpty()) {
                    startEnds = ends;
                }
                nextAssign = Instant.now().plus(REASSIGN_EVERY);
            }
            for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                if (record.key() != null) {
                    recent.remember(record.key());
                    known++;
                }
            }
            if (caughtUp.getCount() > 0 && reached(c, startEnds)) {
                LOG.infof("read back %d generations of the last %s from eval.generations in %d ms; redelivered items"
                        + " among them will not be generated again", known, config.dedup().lookback(),
                        Duration.between(started, Instant.now()).toMillis());
                caughtUp.countDown();
            }
        }
    }

    /** Assigns partitions not yet assigned, each from the first record of the lookback; returns their end offsets. */
    private Map<TopicPartition, Long> assignNew(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(Topics.GENERATIONS, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> all = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .collect(Collectors.toList());
        List<TopicPartition> fresh = all.stream().filter(p -> !c.assignment().contains(p)).toList();
        if (fresh.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> assigned = new ArrayList<>(c.assignment());
        assigned.addAll(fresh);
        c.assign(assigned);
        long from = Instant.now().minus(config.dedup().lookback()).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        fresh.forEach(p -> times.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(times, Duration.ofSeconds(10));
        Map<TopicPartition, Long> ends = c.endOffsets(fresh, Duration.ofSeconds(10));
        for (TopicPartition p : fresh) {
            OffsetAndTimestamp start = starts.get(p);
            c.seek(p, start == null ? ends.get(p) : start.offset());
        }
        return ends;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (c.position(end.getKey(), Duration.ofSeconds(10)) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // assigned partitions, no group: each instance reads the whole topic and commits nothing
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "evalwatch-generator-log-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // the topic is made by the stack with its partition count; never by this reader with the broker's default
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
