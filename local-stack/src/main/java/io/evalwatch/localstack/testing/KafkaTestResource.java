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

    /**
     * Quarkus loads test resources once per class loader (a test profile gets its own), so the running broker's
     * address is kept in a JVM-wide system property and reused instead of starting a second broker.
     */
    static final String SHARED_BOOTSTRAP = "localstack.test-kafka-bootstrap";

    private static KafkaBroker broker;

    /** The bootstrap servers of this JVM's test broker, starting it if none runs yet. */
    public static synchronized String bootstrapServers() {
        String shared = System.getProperty(SHARED_BOOTSTRAP);
        if (shared != null) {
            return shared;
        }
        String started = broker().bootstrapServers();
        System.setProperty(SHARED_BOOTSTRAP, started);
        return started;
    }

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            try {
                java.util.List<Integer> ports = FreePorts.distinct(2);
                KafkaBroker started = new KafkaBroker(Files.createTempDirectory("evalwatch-kafka-test"),
                        ports.get(0), ports.get(1)).start(TestTimeScale.scaled(Duration.ofSeconds(90)));
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
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // kept for the next test class of this JVM; the shutdown hook stops it
    }
}
