import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.TestResult;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Topics;
import io.evalwatch.events.Usage;
import io.evalwatch.events.serde.EventSerializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reporting alone: publishes a run's RunStarted and then all its scores straight to Kafka, as scoring-service would
 * at full speed, so that pipeline.py can time how fast reporting-service stores them (as sandbox-service alone is
 * timed). The run has TASKS tasks (each with its content hash, as task-service announces them) x SAMPLES samples of
 * one model; every score passes one test and carries the analysers' measures, like the pipeline's. Prints the run id.
 *
 * java -cp cli/target/evalwatch-cli.jar bench/pipeline/ScoreFlood.java BOOTSTRAP TASKS SAMPLES
 */
public class ScoreFlood {

    static final String SUITE = "bench-trivial";
    static final String MODEL = "sim-instant";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int tasks = Integer.parseInt(args[1]);
        int samples = Integer.parseInt(args[2]);
        String runId = UUID.randomUUID().toString();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int t = 1; t <= tasks; t++) {
            hashes.put(taskId(t), String.format("%064x", (long) t * 0x9E3779B97F4A7C15L & Long.MAX_VALUE));
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        EventSerializer events = new EventSerializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RUNS, runId, events.serialize(Topics.RUNS,
                    new RunStarted(RunStarted.SCHEMA_VERSION, runId, SUITE, "1.0.0", List.of(MODEL), samples,
                            tasks * samples, "manual", null, Instant.now(), null, null, hashes)))).get();
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 1; t <= tasks; t++) {
                for (int s = 0; s < samples; s++) {
                    ItemScored score = score(runId, taskId(t), s);
                    sent.add(producer.send(new ProducerRecord<>(Topics.SCORES, score.itemId(),
                            events.serialize(Topics.SCORES, score))));
                }
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        System.out.println(runId);
    }

    static String taskId(int t) {
        return String.format("t-%05d", t);
    }

    static ItemScored score(String runId, String task, int sample) {
        Instant now = Instant.now();
        return new ItemScored(ItemScored.SCHEMA_VERSION, ItemIds.of(runId, task, MODEL, sample, "base"), runId, SUITE,
                "1.0.0", task, "arithmetic", MODEL, sample, "base", true, 1, 1, 1.0, 1.0, FailureCategory.NONE,
                List.of(), Map.of(ItemMetrics.COMPLEXITY, 1.0, ItemMetrics.TYPE_ERRORS, 0.0, ItemMetrics.UNDEFINED_NAMES, 0.0,
                        ItemMetrics.SECURITY_FINDINGS, 0.0, ItemMetrics.EDIT_SIMILARITY, 0.9, ItemMetrics.CHRF, 0.8),
                1, List.of(new TestResult("test_0", "passed", false, null, null, 0.001)),
                "```python\ndef f(x: int) -> int:\n    return x + 1\n```", "fenced",
                new Timings(0.0, 0.001, 0.002, 0.0001, 0.0001, 5000.0, 0.0),
                new Usage(40, 12), 0.0, new Provenance("openai", MODEL, MODEL, "fp_bench", "req-" + sample,
                        "prompt-hash", "config-hash", false), now.minusMillis(5), now);
    }
}
