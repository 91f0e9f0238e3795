package io.evalwatch.generator.testing;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.Topics;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.events.serde.GenerationCompletedDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays task-service (dispatches items) and the next stage (reads generations) against a real broker. */
public final class EvalTopics implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<String, Object> producer;
    private final KafkaConsumer<String, GenerationCompleted> consumer;
    private final List<ConsumerRecord<String, GenerationCompleted>> received = new ArrayList<>();

    public EvalTopics(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
        consumer = new KafkaConsumer<>(consumerConfig(GenerationCompletedDeserializer.class.getName()));
        consumer.subscribe(List.of(Topics.GENERATIONS));
    }

    private Properties consumerConfig(String valueDeserializer) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer);
        return c;
    }

    public static TaskSpec addTask() {
        return new TaskSpec("add-two", "arithmetic", TaskKind.GENERATION, "python",
                "Write a Python function `add(a, b)` that returns the sum of a and b.", "add",
                List.of(new TestCase("basic", "assert add(1, 2) == 3", false)), 5, List.of());
    }

    public static TaskDispatched item(String runId, String model, int sample, TaskSpec task) {
        return new TaskDispatched(TaskDispatched.SCHEMA_VERSION, ItemIds.of(runId, task.id(), model, sample, "base"),
                runId, "unit", "1.0.0", model, sample, "base", task, "task-prompt-hash", Instant.now());
    }

    /** Dispatches at a steady rate, as a load generator does: one item every {@code interval}. */
    public void dispatchPaced(List<TaskDispatched> items, Duration interval) {
        long next = System.nanoTime();
        for (TaskDispatched item : items) {
            producer.send(new ProducerRecord<>(Topics.TASKS, item.itemId(), item));
            producer.flush();
            next += interval.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }

    public void dispatchAll(List<TaskDispatched> items) {
        items.forEach(item -> producer.send(new ProducerRecord<>(Topics.TASKS, item.itemId(), item)));
        producer.flush();
    }

    public void dispatch(TaskDispatched item) {
        producer.send(new ProducerRecord<>(Topics.TASKS, item.itemId(), item));
        producer.flush();
    }

    public void dispatchRaw(String key, byte[] value) {
        publishRaw(Topics.TASKS, key, value);
    }

    /** One record of any bytes (null: a tombstone) on any topic. */
    public void publishRaw(String topic, String key, byte[] value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(p, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /** Polls eval.generations until {@code done} holds for the records of {@code runId} seen so far. */
    public List<ConsumerRecord<String, GenerationCompleted>> awaitRun(String runId,
            Predicate<List<ConsumerRecord<String, GenerationCompleted>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            List<ConsumerRecord<String, GenerationCompleted>> run = received.stream()
                    .filter(r -> r.value() != null && runId.equals(r.value().runId())).toList();
            if (done.test(run) || System.nanoTime() > deadline) {
                return run;
            }
        }
    }

    /** Every record of a topic, as raw text, read from the beginning until {@code quiet} passes without new ones. */
    public Map<String, List<String>> rawTopics(List<String> topics, Duration quiet) {
        return rawTopics(topics, quiet, seen -> true, quiet);
    }

    /**
     * Every record of the topics, as raw text, read from the beginning until {@code until} holds (or {@code patience}
     * runs out) and then {@code quiet} passes without new ones. The partitions are assigned, not joined through a
     * consumer group, so a loaded machine's slow group join cannot make a read come back empty.
     */
    public Map<String, List<String>> rawTopics(List<String> topics, Duration quiet,
            Predicate<Map<String, List<String>>> until, Duration patience) {
        Map<String, List<String>> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> raw = new KafkaConsumer<>(consumerConfig(ByteArrayDeserializer.class.getName()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            topics.forEach(t -> raw.partitionsFor(t).forEach(info -> partitions.add(
                    new org.apache.kafka.common.TopicPartition(info.topic(), info.partition()))));
            raw.assign(partitions);
            raw.seekToBeginning(partitions);
            long deadline = System.nanoTime() + patience.toNanos();
            long lastNew = System.nanoTime();
            while (!until.test(out) && System.nanoTime() < deadline || System.nanoTime() - lastNew < quiet.toNanos()) {
                for (ConsumerRecord<String, byte[]> r : raw.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r.key() + "\t"
                            + (r.value() == null ? "" : new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                            + "\t" + r.headers());
                    lastNew = System.nanoTime();
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
