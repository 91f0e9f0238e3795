package io.evalwatch.events.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every topic's reader takes a well-formed event and refuses the three kinds of poison, naming what is wrong. */
class EventContractsTest {

    /** A deserializer, a minimal valid record of its type, and one field a stage cannot do without. */
    static List<Arguments> readers() {
        String item = "\"itemId\":\"r1/t/m/0/base\",\"runId\":\"r1\",\"suite\":\"s\",\"suiteVersion\":\"1\","
                + "\"model\":\"m\",\"sample\":0,\"variant\":\"base\"";
        String task = "\"task\":{\"id\":\"t\",\"kind\":\"GENERATION\",\"language\":\"python\",\"prompt\":\"p\","
                + "\"entryPoint\":\"f\",\"tests\":[]}";
        return List.of(
                Arguments.of(new TaskDispatchedDeserializer(), "{\"schemaVersion\":1," + item + "," + task + "}",
                        "itemId"),
                Arguments.of(new GenerationCompletedDeserializer(), "{\"schemaVersion\":1," + item + "," + task + "}",
                        "itemId"),
                Arguments.of(new ExecutionCompletedDeserializer(), "{\"schemaVersion\":1,\"itemId\":\"r1/t/m/0/base\","
                        + "\"runId\":\"r1\",\"generation\":{\"schemaVersion\":1," + item + "," + task + "}}",
                        "generation"),
                Arguments.of(new ItemScoredDeserializer(), "{\"schemaVersion\":2," + item + ",\"taskId\":\"t\"}",
                        "runId"),
                Arguments.of(new JudgeCompletedDeserializer(), "{\"schemaVersion\":1,\"itemId\":\"r1/t/m/0/base\","
                        + "\"runId\":\"r1\",\"model\":\"m\"}", "runId"),
                Arguments.of(new RunStartedDeserializer(), "{\"schemaVersion\":1,\"runId\":\"r1\",\"suite\":\"s\","
                        + "\"models\":[\"m\"]}", "runId"),
                Arguments.of(new AlertEventDeserializer(), "{\"type\":\"RunCompleted\",\"schemaVersion\":1,"
                        + "\"runId\":\"r1\",\"suite\":\"s\"}", "runId"),
                Arguments.of(new AlertEventDeserializer(), "{\"type\":\"DriftAlert\",\"schemaVersion\":1,"
                        + "\"alertId\":\"a1\",\"runId\":\"r1\",\"model\":\"m\"}", "alertId"));
    }

    @ParameterizedTest
    @MethodSource("readers")
    void readsAValidRecordAndRefusesPoison(Deserializer<?> reader, String valid, String requiredField)
            throws Exception {
        assertNotNull(reader.deserialize("eval.x", bytes(valid)), "a valid record is read");

        SerializationException undecodable = assertThrows(SerializationException.class,
                () -> reader.deserialize("eval.x", bytes("{not json")));
        assertTrue(undecodable.getMessage().startsWith("record on eval.x is not a valid"), undecodable.getMessage());

        ObjectNode future = (ObjectNode) EventJson.mapper().readTree(valid);
        future.put("schemaVersion", 99);
        SerializationException newer = assertThrows(SerializationException.class,
                () -> reader.deserialize("eval.x", bytes(future.toString())));
        assertTrue(newer.getMessage().contains("schema version 99 is unknown"), newer.getMessage());

        ObjectNode missing = (ObjectNode) EventJson.mapper().readTree(valid);
        missing.remove(requiredField);
        SerializationException incomplete = assertThrows(SerializationException.class,
                () -> reader.deserialize("eval.x", bytes(missing.toString())));
        assertTrue(incomplete.getMessage().contains("required field " + requiredField + " is missing"),
                incomplete.getMessage());

        SerializationException nothing = assertThrows(SerializationException.class,
                () -> reader.deserialize("eval.x", bytes("null")));
        assertTrue(nothing.getMessage().contains("JSON null"), nothing.getMessage());
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aTombstoneIsNoEvent(Deserializer<?> reader, String valid, String requiredField) {
        assertEquals(null, reader.deserialize("eval.x", null));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
