package io.evalwatch.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process of a stack killed, stopped and started again on its ports and data: the broker, as the chaos tests do. */
class LocalStackProcessesTest {

    @Test
    void theBrokerKilledOrStoppedStartsAgainWithItsTopics(@TempDir Path dir) throws Exception {
        LocalStack stack = LocalStack.builder(dir).stateDir(dir.resolve("state")).services(List.of())
                .isolated("_unused").build();
        try {
            stack.start(line -> { });
            assertTrue(stack.status().get("kafka"));

            stack.kill("kafka");
            assertFalse(stack.status().get("kafka"), "SIGKILL ended the broker");
            IllegalStateException notRunning = assertThrows(IllegalStateException.class, () -> stack.kill("kafka"));
            assertEquals("kafka is not running", notRunning.getMessage());

            stack.start("kafka");
            assertTrue(stack.status().get("kafka"));
            assertTrue(topics(stack).contains(Topics.TASKS), "topics kept across the kill");

            stack.stopBroker();
            assertFalse(stack.status().get("kafka"));
            stack.startBroker();
            assertTrue(topics(stack).containsAll(Topics.partitions().keySet()), "topics kept across the stop");
        } finally {
            stack.stop(line -> { });
        }
        assertFalse(stack.status().get("kafka"));
    }

    private static Set<String> topics(LocalStack stack) throws Exception {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
