package io.evalwatch.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.Topics;
import io.evalwatch.events.serde.EventJson;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.localstack.testing.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The outbox on a real broker and a real PostgreSQL: an event leaves after its transaction commits and never when it
 * rolls back, a relay that dies between send and mark sends it again (a duplicate, never a loss), two relays keep
 * each key's order, a row that cannot be sent holds back its own key only. The relay's loop is off here
 * (src/test/resources/application.properties), so each test drives it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "evalwatch_outbox_test"))
class OutboxRelayTest {

    static final String TOPIC = Topics.RUNS;

    /** A stand-in event: which key it belongs to and its place in the key's sequence. */
    record Probe(String key, int seq) {
    }

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry registry;

    @Test
    void anEventLeavesAfterItsTransactionCommitsWithItsKeyAndTheChannelsBytes() {
        String key = "commit-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, key, new Probe(key, 1)));
        assertEquals(1, unsentOf(key), "written by the commit, not sent yet");

        relay.relayPending();

        List<ConsumerRecord<String, byte[]>> records = consume(key, r -> r.size() == 1);
        assertArrayEquals(new EventSerializer().serialize(TOPIC, new Probe(key, 1)), records.get(0).value(),
                "the same bytes the Kafka channels' EventSerializer writes");
        assertEquals(0, unsentOf(key));
        assertNotNull(QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.<OutboxEvent>find("eventKey", key).firstResult().sentAt));
        assertEquals(0.0, registry.get("evalwatch_outbox_pending").gauge().value());
    }

    @Test
    void anEventOfATransactionThatRolledBackNeverLeaves() {
        String key = "rollback-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(TOPIC, key, new Probe(key, 1));
            throw new IllegalStateException("the change failed after its event was written");
        }));
        assertEquals(0, rowsOf(key), "the row went with the transaction");
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, key, new Probe(key, 2)));

        relay.relayPending();

        // the key's records are ordered: once the committed event is there, the rolled back one can no longer come
        List<ConsumerRecord<String, byte[]>> records = consume(key, r -> r.stream().anyMatch(x -> seq(x) == 2));
        assertEquals(List.of(2), records.stream().map(OutboxRelayTest::seq).toList());
    }

    @Test
    void aRelayThatDiesBetweenSendAndMarkSendsTheEventAgainAndNothingIsLost() {
        String key = "crash-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, key, new Probe(key, 1)));
        relay.relayPending();
        consume(key, r -> r.size() == 1);
        // what a relay that died after the broker's ack and before its mark committed leaves: the row unsent
        QuarkusTransaction.requiringNew().run(() -> OutboxEvent.update("sentAt = null where eventKey = ?1", key));

        relay.relayPending();

        List<ConsumerRecord<String, byte[]>> records = consume(key, r -> r.size() == 2);
        assertEquals(2, records.size(), "at least once: the event again, as a duplicate its consumers drop by key");
        assertArrayEquals(records.get(0).value(), records.get(1).value());
        assertEquals(0, unsentOf(key));
    }

    @Test
    void twoRelaysAtOnceSendEveryEventOnceAndEachKeyInOrder() throws Exception {
        String prefix = "pair-" + UUID.randomUUID() + "-";
        List<String> keys = List.of(prefix + "a", prefix + "b", prefix + "c");
        int perKey = 15;
        for (int seq = 1; seq <= perKey; seq++) {
            for (String key : keys) {
                int s = seq;
                QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, key, new Probe(key, s)));
            }
        }
        ExecutorService relays = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                running.add(relays.submit(() -> {
                    while (unsentWithPrefix(prefix) > 0) {
                        relay.relayPending();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            relays.shutdownNow();
        }

        List<ConsumerRecord<String, byte[]>> records = consume(prefix, r -> r.size() >= keys.size() * perKey);
        Map<String, List<Integer>> byKey = new TreeMap<>();
        records.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(seq(r)));
        List<Integer> inOrder = new ArrayList<>();
        for (int seq = 1; seq <= perKey; seq++) {
            inOrder.add(seq);
        }
        keys.forEach(key -> assertEquals(inOrder, byKey.get(key), "every event of " + key + " once, in order"));
    }

    @Test
    void aRowThatCannotBeSentIsCountedAndRetriedAndHoldsBackOnlyItsOwnKey() {
        String stuck = "stuck-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        double failuresBefore = registry.get("evalwatch_outbox_relay_failures_total").counter().count();
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish("not a topic!", stuck, new Probe(stuck, 1));
            outbox.publish(TOPIC, other, new Probe(other, 1));
        });
        try {
            relay.relayPending();

            consume(other, r -> r.size() == 1);
            assertEquals(1, unsentOf(stuck), "kept for the next round");
            assertTrue(registry.get("evalwatch_outbox_relay_failures_total").counter().count() > failuresBefore);
            assertTrue(registry.get("evalwatch_outbox_pending").gauge().value() >= 1);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> OutboxEvent.delete("eventKey", stuck));
        }
    }

    @Test
    void anEventLargerThanKafkaTakesIsRefusedInTheCallersTransaction() {
        String key = "large-" + UUID.randomUUID();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> QuarkusTransaction.requiringNew().run(
                        () -> outbox.publish(TOPIC, key, new Probe("x".repeat(70_000), 1))));
        assertTrue(refused.getMessage().contains("kafka.max.request.size 65536"), refused.getMessage());
        assertEquals(0, rowsOf(key));
    }

    @Test
    void thePruneDeletesSentRowsOlderThanTheCutoffAndKeepsUnsentOnes() {
        String sent = "pruned-" + UUID.randomUUID();
        String unsent = "kept-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, sent, new Probe(sent, 1)));
        relay.relayPending();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(TOPIC, unsent, new Probe(unsent, 1)));

        assertTrue(relay.prune(Instant.now().plusSeconds(1)) >= 1);

        assertEquals(0, rowsOf(sent));
        assertEquals(1, unsentOf(unsent));
        relay.relayPending();
    }

    private static long rowsOf(String key) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("eventKey", key));
    }

    private static long unsentOf(String key) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("eventKey = ?1 and sentAt is null", key));
    }

    private static long unsentWithPrefix(String prefix) {
        return QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.count("eventKey like ?1 and sentAt is null", prefix + "%"));
    }

    private static int seq(ConsumerRecord<String, byte[]> record) {
        try {
            return EventJson.mapper().readValue(record.value(), Probe.class).seq();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The topic's records whose key starts with {@code prefix}, read until {@code enough} holds (or a minute). */
    private static List<ConsumerRecord<String, byte[]>> consume(String prefix,
            Predicate<List<ConsumerRecord<String, byte[]>>> enough) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        found.add(r);
                    }
                }
            }
        }
        assertTrue(enough.test(found), "records keyed " + prefix + "* on " + TOPIC + ": " + found.size());
        return found;
    }
}
