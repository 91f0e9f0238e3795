package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.Topics;
import io.evalwatch.localstack.LocalStack;
import io.evalwatch.localstack.PostgresDatabases;
import io.evalwatch.localstack.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Every service ran with an API key in its environment (the generator sends it to the simulator), and every call
 * carried one of evalwatch's own keys (the stack's admin key, generated into its state folder; the tests' viewer and
 * operator keys). Nothing evalwatch wrote — logs, Kafka records with their headers, database rows, metrics — may
 * contain any of them.
 */
class SecretsIT {

    @Test
    void thePlantedApiKeyAppearsNowhere() throws Exception {
        var api = StackFixture.api();
        ObjectNode request = new ObjectMapper().createObjectNode();
        request.put("suite", "starter");
        request.putPOJO("models", List.of("sim-alpha", "sim-gamma")); // sim-gamma answers 429/503: error paths too
        request.put("samples", 1);
        String runId = api.startRun(request).path("runId").asText();
        new RunWatcher(api, System.out).await(runId, 20, Duration.ofMinutes(5));

        LocalStack stack = StackFixture.stack();
        ApiKeysIT.refusalsAndAcceptances(); // every endpoint saw each evalwatch key, right or wrong, before the scan
        // the key to the vendor, and evalwatch's own: each is looked for everywhere and named in the findings
        Map<String, String> keys = Map.of("the planted vendor key", StackFixture.PLANTED_API_KEY,
                "the stack's admin key", stack.apiKey(), "the viewer key", StackFixture.VIEWER_KEY,
                "the operator key", StackFixture.OPERATOR_KEY);
        List<String> found = new ArrayList<>();
        int[] scanned = new int[4];

        try (Stream<Path> logs = Files.walk(stack.stateDir())) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                scanned[0]++;
                String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
                keys.forEach((name, key) -> {
                    if (text.contains(key)) {
                        found.add(name + " in log " + log);
                    }
                });
            }
        }
        for (String topic : Topics.partitions().keySet()) {
            scanned[1] += scanTopic(stack.bootstrapServers(), topic, keys, found);
        }
        PostgresDatabases databases = PostgresDatabases.fromEnvironment();
        for (ServiceSpec s : stack.services()) {
            if (s.database() != null) {
                scanned[2] += scanDatabase(databases.jdbcUrl(s.database()), databases.user(), keys, found);
            }
            String metrics = SimulatorAdmin.get(stack.url(s.name()) + "/q/metrics");
            scanned[3]++;
            keys.forEach((name, key) -> {
                if (metrics.contains(key)) {
                    found.add(name + " in the metrics of " + s.name());
                }
            });
        }

        assertTrue(scanned[0] >= 6 && scanned[1] > 20 && scanned[2] > 20, "the scan read real data: logs "
                + scanned[0] + ", Kafka records " + scanned[1] + ", database rows " + scanned[2]);
        assertEquals(List.of(), found, "places that contain a key");
    }

    private static int scanTopic(String bootstrap, String topic, Map<String, String> keys, List<String> found) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "secrets-scan-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    records++;
                    keys.forEach((name, key) -> {
                        byte[] needle = key.getBytes(StandardCharsets.UTF_8);
                        boolean hit = contains(r.key(), needle) || contains(r.value(), needle);
                        for (Header h : r.headers()) {
                            hit |= contains(h.value(), needle);
                        }
                        if (hit) {
                            found.add(name + " in Kafka " + topic + " offset " + r.offset());
                        }
                    });
                }
            }
        }
        return records;
    }

    private static int scanDatabase(String url, String user, Map<String, String> keys, List<String> found)
            throws Exception {
        int rows = 0;
        try (Connection c = DriverManager.getConnection(url, user, "");
                Statement tables = c.createStatement();
                ResultSet names = tables.executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public'")) {
            List<String> all = new ArrayList<>();
            while (names.next()) {
                all.add(names.getString(1));
            }
            for (String table : all) {
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (r.next()) {
                        rows++;
                        String row = r.getString(1);
                        keys.forEach((name, key) -> {
                            if (row.contains(key)) {
                                found.add(name + " in a database row of " + table);
                            }
                        });
                    }
                }
            }
        }
        return rows;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
