package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.Topics;
import io.evalwatch.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Poison at every door: on each topic a consumer reads, one undecodable record, one of a schema version no reader
 * knows and one without the fields a stage keys its work by. Each lands in its topic's DLQ and is counted there,
 * the records on item topics are errored items of their run, and a normal run sent after them completes with the
 * right totals: no channel stopped.
 */
class PoisonRecordsIT {

    private static final List<String> TOPICS = List.of(Topics.RUNS, Topics.TASKS, Topics.GENERATIONS,
            Topics.EXECUTIONS, Topics.SCORES, Topics.JUDGEMENTS, Topics.ALERTS);
    private static final List<String> ITEM_TOPICS = List.of(Topics.TASKS, Topics.GENERATIONS, Topics.EXECUTIONS,
            Topics.SCORES);
    private static final Duration WAIT = Duration.ofMinutes(5);

    @Test
    void poisonOnEveryTopicIsDeadLetteredCountedAndStopsNothing() throws Exception {
        LocalStack stack = StackFixture.stack();
        EvalwatchApi api = StackFixture.api();
        String reporting = stack.url("reporting-service");
        Map<String, Double> before = deadLetters(reporting);

        String poisonRun = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer(stack.bootstrapServers())) {
            for (String topic : TOPICS) {
                List<String> sent = new ArrayList<>();
                for (Map.Entry<String, String> poison : poison(topic, poisonRun).entrySet()) {
                    String key = poisonRun + "/" + topic + "-" + poison.getKey() + "/poison-model/0/base";
                    producer.send(new ProducerRecord<>(topic, key, poison.getValue().getBytes(StandardCharsets.UTF_8)));
                    sent.add(key);
                }
                keys.put(topic, sent);
            }
            producer.flush();
        }

        // a normal run after the poison: every channel must still be reading
        ObjectNode request = new ObjectMapper().createObjectNode();
        request.put("suite", "starter");
        request.putPOJO("models", List.of("sim-alpha"));
        request.put("samples", 1);
        request.putPOJO("tasks", List.of("luhn-checksum", "merge-intervals"));
        String runId = api.startRun(request).path("runId").asText();
        JsonNode report = new RunWatcher(api, System.out).await(runId, 2, WAIT);
        assertEquals("completed", report.path("status").asText());
        assertEquals(2, report.path("scoredItems").asInt());
        assertEquals(0, report.path("erroredItems").asInt());

        // every poison record is in its DLQ, counted by topic (the two readers of eval.generations and of
        // eval.alerts each dead-letter their copy, so those count at least 3)
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Double> missing;
        do {
            Map<String, Double> now = deadLetters(reporting);
            missing = new TreeMap<>();
            for (String topic : TOPICS) {
                String dlq = Topics.deadLetter(topic);
                double added = now.getOrDefault(dlq, 0.0) - before.getOrDefault(dlq, 0.0);
                if (added < 3) {
                    missing.put(dlq, added);
                }
            }
            if (!missing.isEmpty()) {
                Thread.sleep(500);
            }
        } while (!missing.isEmpty() && System.nanoTime() < deadline);
        assertEquals(Map.of(), missing, "dead letters counted per DLQ, fewer than the 3 sent");

        // the item topics' poison is counted as errored items of the run its key names, once each
        List<String> itemKeys = ITEM_TOPICS.stream().flatMap(t -> keys.get(t).stream()).toList();
        List<String> errored = new ArrayList<>();
        deadline = System.nanoTime() + WAIT.toNanos();
        do {
            errored.clear();
            for (JsonNode item : api.items(poisonRun)) {
                if (item.path("errored").asBoolean() || "pipeline_error".equals(item.path("failureCategory").asText())) {
                    errored.add(item.path("itemId").asText());
                }
            }
            if (errored.size() < itemKeys.size()) {
                Thread.sleep(500);
            }
        } while (errored.size() < itemKeys.size() && System.nanoTime() < deadline);
        assertEquals(itemKeys.stream().sorted().toList(), errored.stream().sorted().toList(),
                "each poison record on an item topic is one errored item of its run");
    }

    /** The three poisons for a topic: undecodable bytes, an unknown schema version, required fields missing. */
    private static Map<String, String> poison(String topic, String runId) {
        String type = Topics.ALERTS.equals(topic) ? "\"type\":\"RunCompleted\"," : "";
        Map<String, String> poison = new LinkedHashMap<>();
        poison.put("undecodable", "{this is not an event");
        poison.put("future-version", "{" + type + "\"schemaVersion\":99,\"itemId\":\"" + runId + "/x/m/0/base\","
                + "\"runId\":\"" + runId + "\",\"alertId\":\"a-" + runId + "\"}");
        poison.put("missing-fields", "{" + type + "\"schemaVersion\":1}");
        return poison;
    }

    private static final Pattern DEAD_LETTERS = Pattern.compile(
            "^evalwatch_dead_letters_total\\{[^}]*topic=\"([^\"]+)\"[^}]*\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private static Map<String, Double> deadLetters(String reportingUrl) throws Exception {
        String text = SimulatorAdmin.get(reportingUrl + "/q/metrics");
        Map<String, Double> counts = new TreeMap<>();
        Matcher m = DEAD_LETTERS.matcher(text);
        while (m.find()) {
            counts.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
        }
        return counts;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
