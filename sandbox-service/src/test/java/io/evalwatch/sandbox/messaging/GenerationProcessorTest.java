package io.evalwatch.sandbox.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Topics;
import io.evalwatch.events.Usage;
import io.evalwatch.events.serde.EventJson;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.events.serde.ExecutionCompletedDeserializer;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.sandbox.execution.Signals;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The Kafka path against a real broker: generations in, one ExecutionCompleted per executable item out (keyed by
 * itemId, the generation carried whole), unexecutable items skipped, unreadable records dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class GenerationProcessorTest {

    private static final TaskSpec RUNNING_MAX = new TaskSpec("running-max", "lists", TaskKind.GENERATION, "python",
            "Write running_max", "running_max",
            List.of(new TestCase("basic", "assert running_max([1, 3, 2]) == [1, 3, 3]", false),
                    new TestCase("empty-list", "assert running_max([]) == []", true)),
            5, List.of());
    private static final String MISSING_EDGE = "def running_max(values):\n    result = [values[0]]\n"
            + "    for value in values[1:]:\n        result.append(max(result[-1], value))\n    return result\n";

    private static GenerationCompleted generation(String runId, TaskSpec task, String output, String code,
            GenerationError error) {
        String itemId = ItemIds.of(runId, task.id(), "sim-model", 0, "default");
        return new GenerationCompleted(GenerationCompleted.SCHEMA_VERSION, itemId, runId, "starter", "1.0.0",
                "sim-model", 0, "default", task, output, code, "fenced", Timings.none(), Usage.zero(), 0.0,
                new Provenance("simulator", "sim-model", "sim-model", "fp", "req", "ph", "ch"), error, 1,
                Instant.now(), Instant.now());
    }

    private static String bootstrap() {
        return KafkaTestResource.bootstrapServers(); // the JVM's one broker, whichever test profile started it
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static void send(GenerationCompleted generation) throws Exception {
        send(Topics.GENERATIONS, generation.itemId(), new EventSerializer().serialize(Topics.GENERATIONS, generation));
    }

    /** Reads a topic from the start until the wanted keys are there, keeping only the records of this test's run. */
    private static <V> Map<String, ConsumerRecord<String, V>> awaitKeys(String topic,
            org.apache.kafka.common.serialization.Deserializer<V> values, String runId, List<String> wanted,
            Duration extra) {
        Map<String, ConsumerRecord<String, V>> seen = new ConcurrentHashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(runId + "/")) {
                        seen.put(record.key(), record);
                    }
                }
                return seen.keySet().containsAll(wanted);
            });
            long until = System.nanoTime() + extra.toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(runId + "/")) {
                        seen.put(record.key(), record);
                    }
                }
            }
        }
        return seen;
    }

    @Test
    void executesGenerationsAndPublishesOneExecutionPerItem() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        GenerationCompleted edgeMiss = generation(runId, RUNNING_MAX,
                "Here you go:\n```python\n" + MISSING_EDGE + "```\n", MISSING_EDGE, null);
        TaskSpec review = new TaskSpec("review-1", "review", TaskKind.REVIEW, "python", "Review", null, List.of(), 5,
                List.of());
        GenerationCompleted notExecutable = generation(runId, review, "LGTM", null, null);
        TaskSpec other = new TaskSpec("running-max-2", "lists", TaskKind.GENERATION, "python", "p", "running_max",
                RUNNING_MAX.tests(), 5, List.of());
        GenerationCompleted failedGeneration = generation(runId, other, null, null,
                new GenerationError(GenerationError.Reasons.TIMEOUT, "timed out", null, 3));
        TaskSpec cobol = new TaskSpec("cobol-1", "legacy", TaskKind.GENERATION, "cobol", "p", "MAIN", RUNNING_MAX.tests(),
                5, List.of());
        GenerationCompleted unsupported = generation(runId, cobol, "code", "DISPLAY 'HI'.", null);
        send(notExecutable);
        send(failedGeneration);
        send(edgeMiss);
        send(unsupported);

        Map<String, ConsumerRecord<String, ExecutionCompleted>> out = awaitKeys(Topics.EXECUTIONS,
                new ExecutionCompletedDeserializer(), runId, List.of(edgeMiss.itemId(), unsupported.itemId()),
                Duration.ofSeconds(2));
        assertFalse(out.containsKey(notExecutable.itemId()), "review tasks go straight to scoring");
        assertFalse(out.containsKey(failedGeneration.itemId()), "failed generations go straight to scoring");

        ExecutionCompleted executed = out.get(edgeMiss.itemId()).value();
        assertEquals(edgeMiss.itemId(), out.get(edgeMiss.itemId()).key());
        assertEquals(runId, executed.runId());
        assertEquals(ExecutionCompleted.SCHEMA_VERSION, executed.schemaVersion());
        assertEquals(edgeMiss.output(), executed.generation().output(), "the generation travels whole");
        assertEquals(Outcomes.COMPLETED, executed.outcome());
        assertEquals(List.of("basic", "empty-list"), executed.tests().stream().map(TestResult::name).toList());
        assertEquals(List.of(TestResult.PASSED, TestResult.ERROR),
                executed.tests().stream().map(TestResult::status).toList());
        assertEquals("IndexError", executed.tests().get(1).exceptionType());
        assertTrue(executed.tests().get(1).edge());
        assertTrue(executed.signals().contains(Signals.EDGE_CASE_ONLY_FAILURE), executed.signals().toString());
        assertTrue(executed.signals().contains(Signals.RAW_OUTPUT_NOT_EXECUTABLE), executed.signals().toString());
        assertNotNull(executed.staticAnalysis().get("pyflakes"));
        assertTrue(executed.isolation().startsWith("bwrap"));
        assertTrue(executed.durationSeconds() > 0);

        ExecutionCompleted refused = out.get(unsupported.itemId()).value();
        assertEquals(Outcomes.SANDBOX_ERROR, refused.outcome(), "an item the sandbox cannot run is not lost");
        assertTrue(refused.signals().contains(Signals.UNSUPPORTED_LANGUAGE));
        assertEquals(2, refused.tests().size());
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopic() throws Exception {
        String runId = "run-" + UUID.randomUUID();
        String key = runId + "/broken/model/0/default";
        send(Topics.GENERATIONS, key, "{ this is not json".getBytes(StandardCharsets.UTF_8));
        Map<String, ConsumerRecord<String, byte[]>> dead = awaitKeys(Topics.deadLetter(Topics.GENERATIONS),
                new ByteArrayDeserializer(), runId, List.of(key), Duration.ZERO);
        assertTrue(dead.containsKey(key));
        assertNotNull(dead.get(key).headers().lastHeader("dead-letter-reason"));
        // and the channel is still alive: a good record after the bad one is executed
        GenerationCompleted good = generation(runId, RUNNING_MAX, "x",
                "def running_max(values):\n    out = []\n    for v in values:\n        out.append(max(out[-1], v) if out else v)\n    return out\n",
                null);
        send(good);
        ExecutionCompleted executed = awaitKeys(Topics.EXECUTIONS, new ExecutionCompletedDeserializer(), runId,
                List.of(good.itemId()), Duration.ZERO).get(good.itemId()).value();
        assertTrue(executed.tests().stream().allMatch(TestResult::passed), executed.tests().toString());
        assertEquals(EventJson.mapper().readTree(EventJson.mapper().writeValueAsBytes(good)).get("itemId"),
                EventJson.mapper().readTree(EventJson.mapper().writeValueAsBytes(executed.generation())).get("itemId"));
    }
}
