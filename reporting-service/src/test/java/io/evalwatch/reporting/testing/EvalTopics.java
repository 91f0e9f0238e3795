package io.evalwatch.reporting.testing;

import io.evalwatch.events.AlertEvent;
import io.evalwatch.events.RunCompleted;
import io.evalwatch.events.Topics;
import io.evalwatch.events.serde.AlertEventDeserializer;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.localstack.testing.KafkaTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The test broker's topics as reporting's tests use them: events in, a run's endings out. */
public final class EvalTopics {

    private EvalTopics() {
    }

    public static KafkaProducer<String, Object> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new EventSerializer());
    }

    /** Every RunCompleted of the run on eval.alerts, read from the start for six seconds. */
    public static List<RunCompleted> runEndings(String run) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<RunCompleted> found = new ArrayList<>();
        try (KafkaConsumer<String, AlertEvent> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new AlertEventDeserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value() instanceof RunCompleted c && c.runId().equals(run)) {
                        found.add(c);
                    }
                });
            }
        }
        return found;
    }
}
