package io.evalwatch.scoring.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.TestResult;
import io.evalwatch.events.Topics;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.events.serde.ItemScoredDeserializer;
import io.evalwatch.localstack.testing.KafkaTestResource;
import io.evalwatch.scoring.score.ItemScorerTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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

/** Through a real broker: executions and failed generations in, one score per item out, poison records to the DLQ. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ScoringPipelineTest {

    @Test
    void scoresExecutionsAndProviderFailuresAndSkipsWhatTheSandboxWillExecute() throws Exception {
        String run = UUID.randomUUID().toString();
        GenerationCompleted executed = withItem(ItemScorerTest.generation(null), run + "/t/m/0/base");
        GenerationCompleted failed = withItem(ItemScorerTest.generation(
                new GenerationError("timeout", "no answer in 60 s", null, 3)), run + "/t/m/1/base");
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.EXECUTIONS, executed.itemId(),
                    new ExecutionCompleted(1, executed.itemId(), run, executed, Outcomes.COMPLETED,
                            List.of(new TestResult("a", "passed", false, null, null, 0),
                                    new TestResult("b", "passed", false, null, null, 0),
                                    new TestResult("edge", "failed", true, "AssertionError", "", 0)),
                            List.of(), Map.of(), "bwrap", 0.1, Instant.now()))).get();
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, executed.itemId(), executed)).get(); // sandbox's job
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, failed.itemId(), failed)).get();
        }

        List<ItemScored> scores = consumeScores(run, 2);
        ItemScored first = scores.stream().filter(s -> s.sample() == 0).findFirst().orElseThrow();
        ItemScored second = scores.stream().filter(s -> s.sample() == 1).findFirst().orElseThrow();
        assertEquals(FailureCategory.ALMOST_CORRECT, first.failureCategory());
        assertEquals(FailureCategory.PROVIDER_ERROR, second.failureCategory());
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopic() throws Exception {
        String key = UUID.randomUUID() + "/t/m/0/base";
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EXECUTIONS, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        boolean found = false;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.EXECUTIONS)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!found && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    found |= key.equals(r.key()) && r.headers().lastHeader("dead-letter-reason") != null;
                }
            }
        }
        assertTrue(found, "the unreadable record reached " + Topics.deadLetter(Topics.EXECUTIONS) + " with its reason");
    }

    private static GenerationCompleted withItem(GenerationCompleted g, String itemId) {
        int sample = Integer.parseInt(itemId.split("/")[3]);
        return new GenerationCompleted(g.schemaVersion(), itemId, itemId.split("/")[0], g.suite(), g.suiteVersion(),
                g.model(), sample, g.variant(), g.task(), g.output(), g.code(), g.codeFormat(), g.timings(), g.usage(),
                g.costUsd(), g.provenance(), g.error(), g.attempts(), g.dispatchedAt(), g.occurredAt());
    }

    private static KafkaProducer<String, Object> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new EventSerializer());
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return p;
    }

    private static List<ItemScored> consumeScores(String run, int expected) {
        List<ItemScored> found = new ArrayList<>();
        try (KafkaConsumer<String, ItemScored> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                new ItemScoredDeserializer())) {
            consumer.subscribe(List.of(Topics.SCORES));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (run.equals(r.value().runId())) {
                        found.add(r.value());
                    }
                });
            }
            // nothing more arrives for this run: the generation meant for the sandbox was not scored here
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> {
                if (run.equals(r.value().runId())) {
                    found.add(r.value());
                }
            });
        }
        assertEquals(expected, found.size(), "scores of run " + run);
        return found;
    }
}
