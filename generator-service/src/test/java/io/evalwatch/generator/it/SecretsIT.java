package io.evalwatch.generator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError.Reasons;
import io.evalwatch.events.Topics;
import io.evalwatch.generator.testing.EvalTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A planted API key (and a second, wrong one) given to the generator through its environment must appear nowhere
 * the generator writes: its log file and console output at DEBUG, the Kafka records it produced (generations and
 * dead letters), /q/metrics, /q/health and /api/models. The simulator accepts only the planted key, so answered
 * items prove the key was used.
 */
class SecretsIT {

    private static ItStack stack;

    @BeforeAll
    static void start() {
        stack = ItStack.get();
    }

    @Test
    void thePlantedKeyIsUsedButNeverWrittenAnywhere() throws Exception {
        String run = ItSuite.newRun("secrets");
        var items = new ArrayList<>(ItSuite.items(run, "fid-c32", 3));
        items.addAll(ItSuite.items(run, "wrong-key", 1));
        items.add(EvalTopics.item(run, "no-such-model", 0, ItSuite.tasks().get(0)));
        stack.topics.dispatchAll(items);
        stack.topics.dispatchRaw(run + "/garbage", ("{\"itemId\": \"" + run + "\", \"apiKey\": \"not-a-task").getBytes(
                StandardCharsets.UTF_8));
        List<ConsumerRecord<String, GenerationCompleted>> records = stack.topics.awaitRun(run,
                r -> r.size() >= items.size(), Duration.ofSeconds(60));
        Map<String, GenerationCompleted> byModel = records.stream()
                .collect(Collectors.toMap(r -> r.value().model(), ConsumerRecord::value, (a, b) -> a));
        assertNull(byModel.get("fid-c32").error(), "the simulator accepted the planted key");
        assertEquals(Reasons.REFUSED, byModel.get("wrong-key").error().reason());
        assertEquals(401, byModel.get("wrong-key").error().httpStatus());
        assertEquals(Reasons.REFUSED, byModel.get("no-such-model").error().reason());

        Map<String, List<String>> produced = stack.topics.rawTopics(
                List.of(Topics.GENERATIONS, Topics.deadLetter(Topics.TASKS)), Duration.ofSeconds(3));
        assertTrue(produced.getOrDefault(Topics.deadLetter(Topics.TASKS), List.of()).stream()
                .anyMatch(line -> line.startsWith(run + "/garbage")), "the garbage record reached the DLQ");

        List<String> written = new ArrayList<>();
        produced.values().forEach(written::addAll);
        String log = Files.readString(stack.generatorLog);
        assertTrue(log.contains("DEBUG"), "the log is verbose enough to be worth searching");
        assertTrue(log.contains("wrong-key failed with refused"), "the refused item was logged");
        written.add(log);
        written.add(Files.readString(stack.generator.logFile()));
        written.add(stack.get(stack.generator, "/q/metrics"));
        written.add(stack.get(stack.generator, "/q/health"));
        written.add(stack.get(stack.generator, "/api/models"));

        for (String key : List.of(stack.plantedKey, stack.wrongKey)) {
            // the whole key, and its secret part alone (a redaction that kept "sk-" would still pass)
            Function<String, Boolean> leaks = text -> text.contains(key) || text.contains(key.substring(key.length() - 24));
            for (String text : written) {
                assertFalse(leaks.apply(text), () -> "key found in: " + excerpt(text, key));
            }
        }
        Path work = stack.work;
        System.out.printf("[secrets] searched %d Kafka records, %s, %s, /q/metrics, /q/health, /api/models: clean%n",
                written.size() - 5, work.relativize(stack.generatorLog), work.relativize(stack.generator.logFile()));
    }

    private static String excerpt(String text, String key) {
        String secret = key.substring(key.length() - 24);
        int at = text.indexOf(secret);
        return text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 100)).replace(secret, "<KEY>");
    }
}
