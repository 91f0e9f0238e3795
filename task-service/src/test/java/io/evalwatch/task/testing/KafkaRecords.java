package io.evalwatch.task.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.ItemIds;
import io.evalwatch.localstack.testing.KafkaTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes the test broker's topics the way the other services would. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /** Exactly {@code expected} records of the run (keyed by its runId or one of its itemIds), within 30 s. */
    public static <T> List<T> consume(String topic, Deserializer<T> deserializer, String runId, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(p, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && (r.key().equals(runId) || ItemIds.runIdOf(r.key()).equals(runId))) {
                        found.add(r.value());
                    }
                }
            }
        }
        assertEquals(expected, found.size(), "records of run " + runId + " on " + topic);
        return found;
    }

    /** Sends the records in order and waits until the broker has them. */
    public static void send(String topic, String key, byte[]... values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }
}
