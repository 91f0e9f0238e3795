package io.evalwatch.localstack.testing;

import io.evalwatch.events.Topics;
import io.evalwatch.localstack.FreePorts;
import io.evalwatch.localstack.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * A real Kafka broker for a service's {@code @QuarkusTest}s: one per test JVM on free ports, with evalwatch's
 * topics created, stopped when the JVM exits. No Docker needed.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            try {
                KafkaBroker started = new KafkaBroker(Files.createTempDirectory("evalwatch-kafka-test"),
                        FreePorts.next(), FreePorts.next()).start(Duration.ofSeconds(90));
                started.createTopics(Topics.partitions());
                Runtime.getRuntime().addShutdownHook(new Thread(started::close));
                broker = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM; the shutdown hook stops it
    }
}
