package io.evalwatch.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @Test
    void startsFormatsCreatesTopicsAndRestartsOnTheSameData(@TempDir Path dir) throws Exception {
        java.util.List<Integer> ports = FreePorts.distinct(2);
        int port = ports.get(0);
        int controller = ports.get(1);
        try (KafkaBroker broker = new KafkaBroker(dir, port, controller).start(Duration.ofSeconds(90))) {
            broker.createTopics(Topics.partitions());
            broker.createTopics(Topics.partitions()); // idempotent
            assertEquals(6, describe(broker, Topics.TASKS).partitions().size());
        }
        // second start reuses the formatted storage and keeps the topics
        try (KafkaBroker again = new KafkaBroker(dir, port, controller).start(Duration.ofSeconds(90))) {
            assertTrue(describe(again, Topics.deadLetter(Topics.SCORES)).partitions().size() >= 1);
        }
    }

    private static TopicDescription describe(KafkaBroker broker, String topic) throws Exception {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<String, TopicDescription> d = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(20, TimeUnit.SECONDS);
            return d.get(topic);
        }
    }
}
