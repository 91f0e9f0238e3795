package io.evalwatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evalwatch.events.serde.AlertEventDeserializer;
import io.evalwatch.events.serde.EventSerializer;
import io.evalwatch.events.serde.GenerationCompletedDeserializer;
import io.evalwatch.events.serde.JudgeCompletedDeserializer;
import io.evalwatch.events.serde.TaskDispatchedDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private final EventSerializer serializer = new EventSerializer();

    @Test
    void taskDispatchedRoundTrips() {
        TaskSpec task = new TaskSpec("fizz", "strings", TaskKind.GENERATION, "python", "Write fizz", "fizz",
                List.of(new TestCase("t1", "assert fizz(3) == 'Fizz'", false)), 5.0, List.of("starter"));
        TaskDispatched event = new TaskDispatched(TaskDispatched.SCHEMA_VERSION,
                ItemIds.of("r1", "fizz", "m", 0, "base"), "r1", "starter", "v1", "m", 0, "base", task, "h",
                Instant.parse("2026-01-01T00:00:00Z"));

        TaskDispatched back = new TaskDispatchedDeserializer().deserialize("t", serializer.serialize("t", event));

        assertEquals(event, back);
    }

    @Test
    void itemsCarryTheirJudgeAndJudgementsRoundTrip() {
        TaskDispatched judged = new TaskDispatched(TaskDispatched.SCHEMA_VERSION, "r1/fizz/m/0/base", "r1", "starter",
                "v1", "m", 0, "base", null, "h", Instant.EPOCH, new JudgeSpec("judge", "generation", 1));
        TaskDispatched back = new TaskDispatchedDeserializer().deserialize("t", serializer.serialize("t", judged));
        assertEquals(judged, back);

        String older = "{\"schemaVersion\":1,\"itemId\":\"r/x/m/0/base\",\"runId\":\"r\"}";
        assertEquals(null, new TaskDispatchedDeserializer().deserialize("t", older.getBytes(StandardCharsets.UTF_8))
                .judge());

        JudgeCompleted judgement = new JudgeCompleted(JudgeCompleted.SCHEMA_VERSION, "r1/fizz/m/0/base", "r1", "m",
                "judge", "generation", 1, null, null, "no 'Score: N' line", new Usage(100, 20), 0.0002, 1,
                Instant.EPOCH);
        assertEquals(judgement, new JudgeCompletedDeserializer().deserialize("t",
                serializer.serialize("t", judgement)));
    }

    @Test
    void unknownFieldsFromNewerProducersAreIgnored() {
        // a producer that adds fields keeps the version; a new version is refused (EventContractsTest)
        String json = "{\"schemaVersion\":1,\"itemId\":\"r/x/m/0/base\",\"runId\":\"r\",\"aFieldFromTheFuture\":{\"x\":1}}";

        TaskDispatched event = new TaskDispatchedDeserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertEquals("r", event.runId());
        assertEquals(1, event.schemaVersion());
    }

    @Test
    void generationsCarryCachedReasoningAndAnswerTimingAndReadOlderEventsWithDefaults() {
        GenerationCompleted event = new GenerationCompleted(GenerationCompleted.SCHEMA_VERSION, "r1/t/m/0/base", "r1",
                "s", "v1", "m", 0, "base", null, "out", "code", "fenced",
                new Timings(0.1, 0.5, 2.0, 0.01, 0.02, 40.0, null, 1.5), new Usage(66, 20, 64, 0, 12, true), 0.001,
                new Provenance("anthropic", "claude", "claude-x", null, "req", "p", "c", true), null, 1,
                Instant.EPOCH, Instant.EPOCH);

        GenerationCompleted back = new GenerationCompletedDeserializer().deserialize("t", serializer.serialize("t", event));
        assertEquals(event, back);

        String older = "{\"schemaVersion\":1,\"itemId\":\"r/x/m/0/base\",\"runId\":\"r\","
                + "\"timings\":{\"ttftSeconds\":0.5},\"usage\":{\"inputTokens\":10,\"outputTokens\":5},"
                + "\"provenance\":{\"provider\":\"openai\"}}";
        GenerationCompleted old = new GenerationCompletedDeserializer().deserialize("t",
                older.getBytes(StandardCharsets.UTF_8));
        assertEquals(new Usage(10, 5), old.usage());
        assertEquals(null, old.timings().firstAnswerTokenSeconds());
        assertEquals(null, old.provenance().modelAlias());
    }

    @Test
    void malformedRecordsFailWithTheTopicAndType() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> new TaskDispatchedDeserializer().deserialize("eval.tasks", "not json".getBytes(StandardCharsets.UTF_8)));

        assertEquals(true, e.getMessage().contains("eval.tasks"));
        assertEquals(true, e.getMessage().contains("TaskDispatched"));
    }

    @Test
    void alertEventsCarryTheirType() {
        RunCompleted completed = new RunCompleted(1, "r1", "starter", "v1", 48, 47, 1, Instant.EPOCH);

        String json = new String(serializer.serialize("eval.alerts", completed), StandardCharsets.UTF_8);
        AlertEvent back = new AlertEventDeserializer().deserialize("eval.alerts", json.getBytes(StandardCharsets.UTF_8));

        assertEquals(true, json.contains("\"type\":\"RunCompleted\""));
        assertInstanceOf(RunCompleted.class, back);
        assertEquals(completed, back);
    }

    @Test
    void itemIdsLeadWithTheRun() {
        String itemId = ItemIds.of("run-7", "task", "vendor/model", 2, "base");

        assertEquals("run-7", ItemIds.runIdOf(itemId));
        assertThrows(IllegalArgumentException.class, () -> ItemIds.of("a/b", "t", "m", 0, "v"));
    }

    @Test
    void seedsAreStableAndDifferPerItem() {
        long a = ItemIds.seedOf("r/t/m/0/base");

        assertEquals(a, ItemIds.seedOf("r/t/m/0/base"));
        assertTrue(a >= 0 && a <= Integer.MAX_VALUE);
        assertNotEquals(a, ItemIds.seedOf("r/t/m/1/base"));
    }
}
